// Evaluation of the classifier on a held-out part of the labelled examples.
//
// SplitStratified puts round(fraction × n) examples of every label (at least one when a label has
// two or more examples, never all of them) in the held-out set, chosen by a seeded shuffle: the
// same examples, fraction and seed always give the same split, on every platform (the shuffle uses
// its own SplitMix64 generator, not std::shuffle). Evaluate trains on the rest with `options` and
// reports accuracy (top-1), macro-F1 over the labels of the held-out set, and per-label precision,
// recall, F1 and support. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "baken/base/status.h"
#include "baken/classify/classifier.h"
#include "baken/classify/example.h"

namespace baken::classify {

struct Split {
  std::vector<Example> train;
  std::vector<Example> held_out;
};

// kInvalidArgument when fraction is not in (0, 1).
StatusOr<Split> SplitStratified(const std::vector<Example>& examples, double fraction,
                                uint64_t seed);

struct LabelScore {
  std::string label;
  double precision = 0;
  double recall = 0;
  double f1 = 0;
  int support = 0;  // held-out examples with this label
};

struct Evaluation {
  int train_size = 0;
  int held_out_size = 0;
  double accuracy = 0;
  double macro_f1 = 0;
  std::vector<LabelScore> per_label;  // sorted by label
};

// Scores predictions of `classifier` on `held_out`.
Evaluation Score(const Classifier& classifier, const std::vector<Example>& held_out);

// Splits, trains on the train part and scores the held-out part.
StatusOr<Evaluation> Evaluate(const std::vector<Example>& examples, double fraction, uint64_t seed,
                              const TrainOptions& options = {});

}  // namespace baken::classify
