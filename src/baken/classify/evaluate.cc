#include "baken/classify/evaluate.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace baken::classify {
namespace {

uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace

StatusOr<Split> SplitStratified(const std::vector<Example>& examples, double fraction,
                                uint64_t seed) {
  if (!(fraction > 0 && fraction < 1)) {
    return InvalidArgumentError("het deel voor de toets moet tussen 0 en 1 liggen", "holdout");
  }
  std::map<std::string, std::vector<size_t>> by_label;  // ordered: the split does not depend on
  for (size_t i = 0; i < examples.size(); ++i) by_label[examples[i].label].push_back(i);
  std::vector<bool> held(examples.size(), false);
  uint64_t state = seed;
  for (auto& [label, indices] : by_label) {
    // Fisher-Yates with our own generator, so the split is the same with every standard library.
    for (size_t i = indices.size(); i > 1; --i) {
      const size_t j = SplitMix64(state) % i;
      std::swap(indices[i - 1], indices[j]);
    }
    size_t take = static_cast<size_t>(std::lround(fraction * static_cast<double>(indices.size())));
    if (indices.size() >= 2)
      take = std::clamp<size_t>(take, 1, indices.size() - 1);
    else
      take = 0;
    for (size_t k = 0; k < take; ++k) held[indices[k]] = true;
  }
  Split split;
  for (size_t i = 0; i < examples.size(); ++i) {
    (held[i] ? split.held_out : split.train).push_back(examples[i]);
  }
  return split;
}

Evaluation Score(const Classifier& classifier, const std::vector<Example>& held_out) {
  struct Counts {
    int tp = 0, fp = 0, fn = 0, support = 0;
  };
  std::map<std::string, Counts> counts;
  int correct = 0;
  for (const Example& e : held_out) {
    const std::vector<Prediction> p = classifier.Predict(e.text, 1);
    const std::string predicted = p.empty() ? std::string() : p.front().label;
    counts[e.label].support++;
    if (predicted == e.label) {
      ++correct;
      counts[e.label].tp++;
    } else {
      counts[e.label].fn++;
      if (!predicted.empty()) counts[predicted].fp++;
    }
  }
  Evaluation ev;
  ev.held_out_size = static_cast<int>(held_out.size());
  ev.accuracy = held_out.empty() ? 0 : static_cast<double>(correct) / held_out.size();
  double f1_sum = 0;
  int labels = 0;
  for (const auto& [label, c] : counts) {
    if (c.support == 0) continue;  // only predicted, never asked: not part of the macro average
    LabelScore s;
    s.label = label;
    s.support = c.support;
    s.precision = c.tp + c.fp == 0 ? 0 : static_cast<double>(c.tp) / (c.tp + c.fp);
    s.recall = static_cast<double>(c.tp) / c.support;
    s.f1 = s.precision + s.recall == 0 ? 0 : 2 * s.precision * s.recall / (s.precision + s.recall);
    f1_sum += s.f1;
    ++labels;
    ev.per_label.push_back(s);
  }
  ev.macro_f1 = labels == 0 ? 0 : f1_sum / labels;
  return ev;
}

StatusOr<Evaluation> Evaluate(const std::vector<Example>& examples, double fraction, uint64_t seed,
                              const TrainOptions& options) {
  ASSIGN_OR_RETURN(Split split, SplitStratified(examples, fraction, seed));
  ASSIGN_OR_RETURN(Classifier classifier, Classifier::Train(split.train, options));
  Evaluation ev = Score(classifier, split.held_out);
  ev.train_size = static_cast<int>(split.train.size());
  return ev;
}

}  // namespace baken::classify
