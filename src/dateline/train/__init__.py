"""Training of dateline's learned components (needs scikit-learn; the product needs only numpy)."""
