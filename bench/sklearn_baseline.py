#!/usr/bin/env python3
"""scikit-learn's side of the side-by-side comparison: TF-IDF (word 1-2-grams + char_wb 2-5-grams)
and a LinearSVC, trained on one CSV and scored on another.

    python3 bench/sklearn_baseline.py --train TRAIN.csv --test TEST.csv [--json] [--grid]

Both CSVs have the columns designation,description,prdtypecode (description may be empty). When
the running Python lacks scikit-learn, the script makes its own venv in .tools/sklearn-venv
(from the repository root), installs bench/requirements-sklearn.txt there and re-runs itself with
it, so the figures always come from the pinned versions.

OPENBLAS_CORETYPE may be set on this machine; it only steers OpenBLAS kernels, and liblinear
(behind LinearSVC) is single-threaded C that uses no BLAS, so it does not affect the timings.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
VENV = REPO / ".tools" / "sklearn-venv"
REQUIREMENTS = HERE / "requirements-sklearn.txt"
# Set on re-execution so a venv whose install went wrong fails loudly instead of looping.
REEXEC_FLAG = "RAKUTEN_SKLEARN_REEXEC"


def venv_python() -> Path:
    return VENV / "bin" / "python"


def ensure_sklearn() -> None:
    """Re-executes this script with the pinned venv when scikit-learn cannot be imported."""
    try:
        import sklearn  # noqa: F401
        import numpy  # noqa: F401
        import scipy  # noqa: F401

        return
    except ImportError:
        pass
    if os.environ.get(REEXEC_FLAG):
        sys.exit(f"scikit-learn is still missing in {VENV}; delete it and run again")
    python = venv_python()
    # A stamp of the requirements installed, so editing the pins reinstalls them.
    stamp = VENV / ".requirements"
    wanted = REQUIREMENTS.read_text()
    if not python.exists() or not stamp.exists() or stamp.read_text() != wanted:
        print(f"installing scikit-learn into {VENV} (once)", file=sys.stderr)
        try:
            if not python.exists():
                subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
            pip = [str(python), "-m", "pip", "--disable-pip-version-check", "-q"]
            # pip's progress goes to stderr, so that --json leaves stdout to the result alone.
            subprocess.run(
                [*pip, "install", "-r", str(REQUIREMENTS)], check=True, stdout=sys.stderr
            )
        except subprocess.CalledProcessError as error:
            sys.exit(
                f"could not install {REQUIREMENTS.name} into {VENV} ({error}); "
                "`python3 -m venv` needs the python3-venv package on Debian and Ubuntu"
            )
        # Written last: an install cut short is retried on the next run.
        stamp.write_text(wanted)
    env = dict(os.environ, **{REEXEC_FLAG: "1"})
    os.execve(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]], env)


# Real descriptions run to tens of thousands of characters, past the csv module's default cap.
csv.field_size_limit(2**31 - 1)


def read_rows(path: str) -> tuple[list[str], list[int]]:
    texts: list[str] = []
    labels: list[int] = []
    # The challenge's descriptions carry newlines inside quoted fields; newline="" keeps them.
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = {"designation", "description", "prdtypecode"} - set(reader.fieldnames or [])
        if missing:
            sys.exit(f"{path} has no column(s) {', '.join(sorted(missing))}")
        for row in reader:
            texts.append(f"{row['designation'] or ''} {row['description'] or ''}")
            labels.append(int(row["prdtypecode"]))
    return texts, labels


def make_features(min_df: int):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    common = dict(lowercase=True, strip_accents="unicode", sublinear_tf=True, min_df=min_df)
    return FeatureUnion(
        [
            ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), **common)),
            ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), **common)),
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--C", type=float, default=0.5, help="LinearSVC C (default 0.5)")
    parser.add_argument(
        "--grid",
        action="store_true",
        help="also tune C by 3-fold GridSearchCV on the training features (reported apart)",
    )
    parser.add_argument(
        "--min-df", type=int, default=1, help="TfidfVectorizer min_df (default 1, scikit-learn's own)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON line last")
    args = parser.parse_args()

    ensure_sklearn()
    import sklearn
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.svm import LinearSVC

    train_texts, train_labels = read_rows(args.train)
    test_texts, test_labels = read_rows(args.test)

    start = time.perf_counter()
    features = make_features(args.min_df)
    x_train = features.fit_transform(train_texts)
    featurize_s = time.perf_counter() - start

    start = time.perf_counter()
    model = LinearSVC(C=args.C)
    model.fit(x_train, train_labels)
    fit_s = time.perf_counter() - start

    # Featurising the test set is part of predicting: it is what serving a product costs.
    start = time.perf_counter()
    predicted = model.predict(features.transform(test_texts))
    predict_s = time.perf_counter() - start

    result = {
        "weighted_f1": f1_score(test_labels, predicted, average="weighted"),
        "macro_f1": f1_score(test_labels, predicted, average="macro"),
        "accuracy": accuracy_score(test_labels, predicted),
        "n_train": len(train_labels),
        "n_test": len(test_labels),
        "featurize_s": featurize_s,
        "fit_s": fit_s,
        "featurize_fit_s": featurize_s + fit_s,
        "predict_s": predict_s,
        "sklearn_version": sklearn.__version__,
    }

    print(f"scikit-learn {sklearn.__version__}, LinearSVC(C={args.C}), {x_train.shape[1]} features")
    print(f"weighted F1  {result['weighted_f1']:.4f}")
    print(f"macro F1     {result['macro_f1']:.4f}")
    print(f"accuracy     {result['accuracy']:.4f}")
    print(f"n_train      {result['n_train']}")
    print(f"n_test       {result['n_test']}")
    print(f"featurise    {featurize_s:.2f} s")
    print(f"fit          {fit_s:.2f} s")
    print(f"featurise+fit {featurize_s + fit_s:.2f} s")
    print(f"predict      {predict_s:.2f} s (featurise + predict the test set)")

    if args.grid:
        from sklearn.model_selection import GridSearchCV

        # Tuned on the training features only (the vectoriser saw no test text), so the held-out
        # figure stays honest; it is reported apart from the headline, which uses the fixed C.
        start = time.perf_counter()
        grid = GridSearchCV(
            LinearSVC(), {"C": [0.1, 0.25, 0.5, 1.0, 2.0]}, cv=3, scoring="f1_weighted"
        )
        grid.fit(x_train, train_labels)
        grid_s = time.perf_counter() - start
        tuned = grid.best_estimator_.predict(features.transform(test_texts))
        tuned_f1 = f1_score(test_labels, tuned, average="weighted")
        print(
            f"grid search  best C={grid.best_params_['C']} (3-fold weighted F1 "
            f"{grid.best_score_:.4f}), test weighted F1 {tuned_f1:.4f}, {grid_s:.1f} s"
        )
        result["grid_best_C"] = grid.best_params_["C"]
        result["grid_weighted_f1"] = tuned_f1
        result["grid_s"] = grid_s

    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
