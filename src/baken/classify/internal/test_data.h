// Test support: paths to the shipped starter set and taxonomy, and a small labelled set.
#pragma once

#include <string>
#include <vector>

#include "baken/classify/example.h"

namespace baken::classify::testing {

inline std::string StarterPath() {
  return std::string(BAKEN_SOURCE_DIR) + "/data/classify/starter.tsv";
}
inline std::string TaxonomyPath() {
  return std::string(BAKEN_SOURCE_DIR) + "/data/categories/groningen.json";
}

// Three well-separated labels, enough for fast, deterministic unit tests.
inline std::vector<Example> TinySet() {
  std::vector<Example> examples;
  const char* poep[] = {"hondenpoep op de stoep",
                        "overal hondenpoep in het gras",
                        "drollen van honden bij de speeltuin",
                        "hond poept op het trottoir",
                        "hondenpoep voor de deur van de school",
                        "baasje ruimt hondenpoep niet op"};
  const char* licht[] = {"lantaarnpaal brandt niet",
                         "straatverlichting kapot in de straat",
                         "lamp van de lantaarnpaal knippert",
                         "het is donker, verlichting uit",
                         "lantaarnpaal omgereden",
                         "straatlamp doet het niet meer"};
  const char* graffiti[] = {"graffiti op de muur",
                            "tags gespoten op de brug",
                            "bekladding op de gevel van de school",
                            "muur beklad met graffiti",
                            "spuitbus tekeningen op het bushokje",
                            "graffiti op de elektriciteitskast"};
  for (const char* t : poep) examples.push_back({t, "hondenpoep"});
  for (const char* t : licht) examples.push_back({t, "straatverlichting"});
  for (const char* t : graffiti) examples.push_back({t, "graffiti"});
  return examples;
}

}  // namespace baken::classify::testing
