"""Language work: loading spaCy pipelines and turning a Doc into Annotations."""
