-- The learned score becomes logistic regression: a weight per hashed feature bucket and a bias.
-- The naive Bayes counts stay (training totals); a database with counts but no weights is
-- converted to the equivalent weights when loaded.
ALTER TABLE classifier_state ADD COLUMN bias REAL;

CREATE TABLE classifier_weights (
    bucket INTEGER PRIMARY KEY CHECK (bucket >= 0),
    weight REAL NOT NULL
) STRICT;
