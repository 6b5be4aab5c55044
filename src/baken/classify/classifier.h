// Classifier: a supervised fastText text classifier over subcategory codes.
//
// Train() learns from labelled examples (texts are normalised with NormalizeText, the same as in
// Predict). With `threads = 1` and a fixed seed, training is deterministic: the same examples and
// options give the same model and the same probabilities. fastText reads its training data from a
// file, so Train writes one in a fresh temporary folder and removes it before returning.
//
// Thread safety: a trained or loaded Classifier is immutable; Predict may be called from many
// threads at once (fastText 0.9.2's FastText::predict is const and keeps its scratch state,
// Model::State, on the stack of each call). Train, Save and Load are plain functions/methods.
// The model (fastText internals) is owned by the Classifier; moving is cheap.
//
// Errors: kInvalidArgument for unusable input (no examples, fewer than two labels, bad options),
// kNotFound / kInvalidArgument for a model file that is missing or not a fastText model, kInternal
// when fastText itself fails. fastText's exceptions never cross this interface.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "baken/base/status.h"
#include "baken/classify/example.h"

namespace fasttext {
class FastText;
}

namespace baken::classify {

struct TrainOptions {
  int epochs = 50;
  double learning_rate = 0.5;
  int word_ngrams = 2;
  int dim = 50;
  int min_char_ngram = 3;  // subwords catch typos and Dutch compounds ("hondenpoep", "poep")
  int max_char_ngram = 5;
  int seed = 42;
  int threads = 1;  // > 1 trains faster but is no longer deterministic
};

struct Prediction {
  std::string label;
  double probability = 0;
};

class Classifier {
 public:
  Classifier(Classifier&&) noexcept;
  Classifier& operator=(Classifier&&) noexcept;
  ~Classifier();

  static StatusOr<Classifier> Train(const std::vector<Example>& examples,
                                    const TrainOptions& options = {});
  static StatusOr<Classifier> Load(const std::string& path);
  Status Save(const std::string& path) const;

  // The `k` most probable labels, most probable first (k <= 0: all labels). Empty when the text
  // has no known word or subword. Probabilities are softmax outputs; over all labels they sum to 1.
  std::vector<Prediction> Predict(std::string_view text, int k = 5) const;

  // Every label the model knows, in the model's order.
  std::vector<std::string> Labels() const;

 private:
  explicit Classifier(std::unique_ptr<fasttext::FastText> model);

  std::unique_ptr<fasttext::FastText> model_;  // constant after construction
};

}  // namespace baken::classify
