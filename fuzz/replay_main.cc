// Corpus driver for compilers without libFuzzer (GCC). Feeds every file named on the command line,
// or every file inside a named folder, to LLVMFuzzerTestOneInput once; then, unless
// BAKEN_FUZZ_MUTATIONS=0, feeds deterministic mutations of each file (bit flips, byte inserts and
// deletes, repeated chunks, spliced tokens that break parsers: brackets, quotes, escapes, invalid
// UTF-8, huge numbers), so `make test` also explores the neighbourhood of the corpus. Bounded: at
// most BAKEN_FUZZ_MUTATIONS (default 100) mutations per file and BAKEN_FUZZ_SECONDS (default 10)
// seconds per run. The seed is fixed, so a failure replays; with BAKEN_FUZZ_KEEP=FILE each mutation
// is written to FILE before it runs, so the input of an abort survives it. Exit 0 when all ran.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

using Bytes = std::string;

Bytes ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void Run(const Bytes& bytes) {
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

const std::vector<Bytes>& Tokens() {
  static const std::vector<Bytes> tokens = {"[",
                                            "{",
                                            "]",
                                            "}",
                                            "\"",
                                            "\\",
                                            "\\u0000",
                                            "\\ud800",
                                            "\xff",
                                            "\xc3",
                                            "\xed\xa0\x80",
                                            "%FF%FE",
                                            "%",
                                            "%2",
                                            "+",
                                            "&",
                                            "=",
                                            ",",
                                            ":",
                                            "null",
                                            "true",
                                            "-0",
                                            "1e999",
                                            "-1e-999",
                                            "9999999999999999999999",
                                            "\r\n",
                                            "\t",
                                            "=cmd|' /C calc'!A0",
                                            "\0"};
  return tokens;
}

Bytes Mutate(Bytes input, std::mt19937_64& rng) {
  auto pick = [&](size_t n) { return n == 0 ? size_t{0} : static_cast<size_t>(rng() % n); };
  const int steps = 1 + static_cast<int>(pick(4));
  for (int s = 0; s < steps; ++s) {
    const size_t at = pick(input.size() + 1);
    switch (pick(6)) {
      case 0:  // flip a bit
        if (!input.empty()) input[pick(input.size())] ^= static_cast<char>(1u << pick(8));
        break;
      case 1:  // insert a random byte
        input.insert(at, 1, static_cast<char>(pick(256)));
        break;
      case 2:  // delete a run
        if (at < input.size()) input.erase(at, 1 + pick(8));
        break;
      case 3: {  // repeat a chunk (deep nesting, long strings)
        if (input.empty()) break;
        const size_t from = pick(input.size());
        const Bytes chunk = input.substr(from, 1 + pick(16));
        const size_t times = 1 + pick(64);
        Bytes repeated;
        for (size_t i = 0; i < times && repeated.size() < 4096; ++i) repeated += chunk;
        input.insert(at, repeated);
        break;
      }
      case 4: {  // splice a token that breaks parsers
        const Bytes& token = Tokens()[pick(Tokens().size())];
        input.insert(at, token.empty() ? Bytes(1, '\0') : token);
        break;
      }
      default:  // truncate
        input.resize(at);
        break;
    }
  }
  return input;
}

long EnvNumber(const char* name, long fallback) {
  const char* text = std::getenv(name);
  return text != nullptr && *text != '\0' ? std::strtol(text, nullptr, 10) : fallback;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    std::filesystem::path arg(argv[i]);
    if (std::filesystem::is_directory(arg)) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(arg)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
    } else {
      files.push_back(arg);
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<Bytes> corpus;
  for (const auto& f : files) corpus.push_back(ReadFile(f));
  for (const Bytes& bytes : corpus) Run(bytes);

  const long per_file = EnvNumber("BAKEN_FUZZ_MUTATIONS", 100);
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(EnvNumber("BAKEN_FUZZ_SECONDS", 10));
  std::mt19937_64 rng(20261207);
  size_t mutations = 0;
  for (long round = 0; round < per_file && std::chrono::steady_clock::now() < deadline; ++round) {
    for (const Bytes& bytes : corpus) {
      Bytes mutated = Mutate(bytes, rng);
      if (round % 7 == 6 && corpus.size() > 1) {  // cross two inputs now and then
        const Bytes& other = corpus[rng() % corpus.size()];
        mutated = mutated.substr(0, mutated.size() / 2) + other.substr(other.size() / 2);
      }
      if (const char* keep = std::getenv("BAKEN_FUZZ_KEEP"); keep != nullptr) {
        std::ofstream(keep, std::ios::binary) << mutated;  // the input an abort leaves behind
      }
      Run(mutated);
      ++mutations;
    }
  }
  std::printf("replayed %zu inputs and %zu mutations\n", corpus.size(), mutations);
  return corpus.empty() ? 1 : 0;
}
