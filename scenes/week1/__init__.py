"""Week 1 -- number sets, functions as mappings, graph transformations, limits of sequences."""
