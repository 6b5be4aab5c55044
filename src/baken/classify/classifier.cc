#include "baken/classify/classifier.h"

#include <fasttext/args.h>
#include <fasttext/dictionary.h>
#include <fasttext/fasttext.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "baken/classify/normalize.h"

namespace baken::classify {
namespace {

constexpr std::string_view kLabelPrefix = "__label__";

// A temporary folder that is removed with everything in it when it goes out of scope.
class TempDir {
 public:
  static StatusOr<TempDir> Create() {
    static std::atomic<int> counter{0};
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    std::filesystem::path dir =
        std::filesystem::temp_directory_path() /
        ("baken_classify_" + std::to_string(::getpid()) + "_" + std::to_string(stamp) + "_" +
         std::to_string(counter.fetch_add(1)));
    std::error_code ec;
    if (!std::filesystem::create_directory(dir, ec) || ec) {
      return InternalError("kan geen tijdelijke map maken om het model te trainen");
    }
    return TempDir(std::move(dir));
  }
  TempDir(TempDir&& other) noexcept : dir_(std::move(other.dir_)) { other.dir_.clear(); }
  TempDir& operator=(TempDir&&) = delete;
  ~TempDir() {
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }
  const std::filesystem::path& path() const { return dir_; }

 private:
  explicit TempDir(std::filesystem::path dir) : dir_(std::move(dir)) {}
  std::filesystem::path dir_;
};

}  // namespace

Classifier::Classifier(std::unique_ptr<fasttext::FastText> model) : model_(std::move(model)) {}
Classifier::Classifier(Classifier&&) noexcept = default;
Classifier& Classifier::operator=(Classifier&&) noexcept = default;
Classifier::~Classifier() = default;

StatusOr<Classifier> Classifier::Train(const std::vector<Example>& examples,
                                       const TrainOptions& options) {
  if (examples.empty()) {
    return InvalidArgumentError("er zijn geen voorbeelden om van te leren", "voorbeelden");
  }
  if (options.epochs < 1 || options.dim < 1 || options.word_ngrams < 1 || options.threads < 1 ||
      !(options.learning_rate > 0)) {
    return InvalidArgumentError(
        "epochs, dim, wordNgrams en threads moeten minstens 1 zijn en de leersnelheid groter dan 0",
        "opties");
  }
  std::set<std::string> labels;
  ASSIGN_OR_RETURN(TempDir dir, TempDir::Create());
  const std::filesystem::path input = dir.path() / "train.txt";
  {
    std::ofstream out(input, std::ios::binary);
    for (const Example& e : examples) {
      const std::string text = NormalizeText(e.text);
      if (text.empty() || e.label.empty()) continue;
      labels.insert(e.label);
      out << kLabelPrefix << e.label << ' ' << text << '\n';
    }
    if (!out) return InternalError("kan de tijdelijke trainingsdata niet schrijven");
  }
  if (labels.size() < 2) {
    return InvalidArgumentError("er zijn voorbeelden van minstens twee categorieën nodig",
                                "voorbeelden");
  }

  fasttext::Args args;
  args.input = input.string();
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::softmax;
  args.epoch = options.epochs;
  args.lr = options.learning_rate;
  args.wordNgrams = options.word_ngrams;
  args.dim = options.dim;
  args.minCount = 1;
  args.minn = options.min_char_ngram;
  args.maxn = options.max_char_ngram;
  args.bucket = 200000;  // room for word bigrams and subwords without a 2M-row matrix
  args.seed = options.seed;
  args.thread = options.threads;
  args.verbose = 0;
  try {
    auto model = std::make_unique<fasttext::FastText>();
    model->train(args);
    return Classifier(std::move(model));
  } catch (const std::exception& e) {
    return InternalError(std::string("het trainen van het model is mislukt: ") + e.what());
  }
}

StatusOr<Classifier> Classifier::Load(const std::string& path) {
  if (!std::filesystem::exists(path)) {
    return NotFoundError("het model '" + path + "' bestaat niet; train het eerst");
  }
  try {
    auto model = std::make_unique<fasttext::FastText>();
    model->loadModel(path);
    if (model->getArgs().model != fasttext::model_name::sup) {
      return InvalidArgumentError("het bestand '" + path + "' is geen classificatiemodel", "model");
    }
    return Classifier(std::move(model));
  } catch (const std::exception&) {
    return InvalidArgumentError("het bestand '" + path + "' is geen geldig fastText-model",
                                "model");
  }
}

Status Classifier::Save(const std::string& path) const {
  try {
    const std::filesystem::path p(path);
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
    model_->saveModel(path);
  } catch (const std::exception&) {
    return UnavailableError("het model kan niet worden opgeslagen in '" + path + "'");
  }
  return Status::Ok();
}

std::vector<Prediction> Classifier::Predict(std::string_view text, int k) const {
  std::vector<Prediction> result;
  const std::string normalized = NormalizeText(text);
  if (normalized.empty()) return result;
  std::istringstream in(normalized + "\n");
  std::vector<std::pair<fasttext::real, std::string>> raw;
  const int32_t n = k <= 0 ? model_->getDictionary()->nlabels() : k;
  try {
    model_->predictLine(in, raw, n, 0.0f);
  } catch (const std::exception&) {
    return result;
  }
  result.reserve(raw.size());
  for (auto& [probability, label] : raw) {
    // predictLine has already turned fastText's log-probabilities back into probabilities.
    std::string code = label.starts_with(kLabelPrefix) ? label.substr(kLabelPrefix.size()) : label;
    result.push_back(Prediction{std::move(code), static_cast<double>(probability)});
  }
  return result;
}

std::vector<std::string> Classifier::Labels() const {
  std::vector<std::string> labels;
  auto dict = model_->getDictionary();
  for (int32_t i = 0; i < dict->nlabels(); ++i) {
    std::string label = dict->getLabel(i);
    labels.push_back(label.starts_with(kLabelPrefix) ? label.substr(kLabelPrefix.size()) : label);
  }
  return labels;
}

}  // namespace baken::classify
