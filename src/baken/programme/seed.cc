#include "baken/programme/seed.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "baken/programme/indicators.h"

namespace baken::programme {
namespace {

using Json = nlohmann::json;

Status Bad(const std::string& field, const std::string& message) {
  return InvalidArgumentError(message, field);
}

StatusOr<std::string> Text(const Json& j, const std::string& key, const std::string& path,
                           bool required = true) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (required) return Bad(path + "." + key, "Het veld '" + key + "' ontbreekt.");
    return std::string();
  }
  if (!it->is_string()) return Bad(path + "." + key, "Het veld '" + key + "' moet tekst zijn.");
  return it->get<std::string>();
}

StatusOr<const Json*> Array(const Json& j, const std::string& key, const std::string& path) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return static_cast<const Json*>(nullptr);
  if (!it->is_array()) return Bad(path + "." + key, "Het veld '" + key + "' moet een lijst zijn.");
  return &*it;
}

StatusOr<std::vector<Partner>> Partners(const Json& j, const std::string& key,
                                        const std::string& path) {
  ASSIGN_OR_RETURN(const Json* arr, Array(j, key, path));
  std::vector<Partner> out;
  if (arr == nullptr) return out;
  for (size_t i = 0; i < arr->size(); ++i) {
    const std::string f = path + "." + key + "[" + std::to_string(i) + "]";
    if (!(*arr)[i].is_string()) return Bad(f, "Een partner is een code als tekst.");
    ASSIGN_OR_RETURN(Partner p, ParsePartner((*arr)[i].get<std::string>(), f));
    out.push_back(p);
  }
  return out;
}

StatusOr<Partner> Lead(const Json& j, const std::string& path) {
  ASSIGN_OR_RETURN(std::string lead, Text(j, "trekker", path));
  return ParsePartner(lead, path + ".trekker");
}

StatusOr<Action> ParseAction(const Json& j, const std::string& path) {
  if (!j.is_object()) return Bad(path, "Een actie is een object.");
  Action a;
  ASSIGN_OR_RETURN(a.code, Text(j, "code", path));
  ASSIGN_OR_RETURN(a.name, Text(j, "naam", path));
  ASSIGN_OR_RETURN(a.description, Text(j, "omschrijving", path, false));
  ASSIGN_OR_RETURN(a.lead, Lead(j, path));
  ASSIGN_OR_RETURN(a.partners, Partners(j, "partners", path));
  return a;
}

StatusOr<ActionLine> ParseActionLine(const Json& j, const std::string& path) {
  if (!j.is_object()) return Bad(path, "Een actielijn is een object.");
  ActionLine line;
  ASSIGN_OR_RETURN(line.code, Text(j, "code", path));
  ASSIGN_OR_RETURN(line.name, Text(j, "naam", path));
  ASSIGN_OR_RETURN(line.description, Text(j, "omschrijving", path, false));
  ASSIGN_OR_RETURN(line.ambition, Text(j, "ambitie", path, false));
  ASSIGN_OR_RETURN(line.lead, Lead(j, path));
  ASSIGN_OR_RETURN(line.partners, Partners(j, "partners", path));
  ASSIGN_OR_RETURN(const Json* actions, Array(j, "acties", path));
  if (actions != nullptr) {
    for (size_t i = 0; i < actions->size(); ++i) {
      ASSIGN_OR_RETURN(Action a,
                       ParseAction((*actions)[i], path + ".acties[" + std::to_string(i) + "]"));
      line.actions.push_back(std::move(a));
    }
  }
  return line;
}

StatusOr<Ambition> ParseAmbition(const Json& j, const std::string& path) {
  if (!j.is_object()) return Bad(path, "Een ambitie is een object.");
  Ambition a;
  ASSIGN_OR_RETURN(a.code, Text(j, "code", path));
  ASSIGN_OR_RETURN(a.name, Text(j, "naam", path));
  ASSIGN_OR_RETURN(a.description, Text(j, "omschrijving", path, false));
  if (auto it = j.find("kernambitie"); it != j.end()) {
    if (!it->is_boolean()) return Bad(path + ".kernambitie", "kernambitie is true of false.");
    a.kernambitie = it->get<bool>();
  }
  if (auto it = j.find("prioriteit"); it != j.end() && !it->is_null()) {
    if (!it->is_number_integer())
      return Bad(path + ".prioriteit", "prioriteit is een geheel getal.");
    a.priority = it->get<int>();
  }
  return a;
}

StatusOr<Indicator> ParseIndicator(const Json& j, const std::string& path) {
  if (!j.is_object()) return Bad(path, "Een indicator is een object.");
  Indicator ind;
  ASSIGN_OR_RETURN(ind.code, Text(j, "code", path));
  ASSIGN_OR_RETURN(ind.name, Text(j, "naam", path));
  ASSIGN_OR_RETURN(ind.definition, Text(j, "definitie", path));
  ASSIGN_OR_RETURN(ind.unit, Text(j, "eenheid", path));
  ASSIGN_OR_RETURN(std::string direction, Text(j, "richting", path));
  ASSIGN_OR_RETURN(ind.direction, ParseDirection(direction, path + ".richting"));
  ASSIGN_OR_RETURN(ind.action_line, Text(j, "actielijn", path, false));
  ASSIGN_OR_RETURN(ind.ambition, Text(j, "ambitie", path, false));
  ASSIGN_OR_RETURN(std::string source, Text(j, "bron", path));
  ASSIGN_OR_RETURN(ind.source, ParseValueSource(source, path + ".bron"));
  ASSIGN_OR_RETURN(ind.query, Text(j, "query", path, false));
  if (ind.source == ValueSource::kComputed && FindNamedQuery(ind.query) == nullptr) {
    return Bad(path + ".query", "Onbekende query '" + ind.query + "'.");
  }
  if (auto it = j.find("over_personen"); it != j.end()) {
    if (!it->is_boolean()) return Bad(path + ".over_personen", "over_personen is true of false.");
    ind.about_persons = it->get<bool>();
  }
  ASSIGN_OR_RETURN(const Json* targets, Array(j, "streefwaarden", path));
  if (targets != nullptr) {
    for (size_t i = 0; i < targets->size(); ++i) {
      const std::string f = path + ".streefwaarden[" + std::to_string(i) + "]";
      const Json& t = (*targets)[i];
      if (!t.is_object()) return Bad(f, "Een streefwaarde is een object.");
      ASSIGN_OR_RETURN(std::string period, Text(t, "periode", f));
      Target target;
      ASSIGN_OR_RETURN(target.period, ParsePeriod(period, f + ".periode"));
      auto v = t.find("waarde");
      if (v == t.end() || !v->is_number()) return Bad(f + ".waarde", "De waarde is een getal.");
      target.value = v->get<double>();
      ind.targets.push_back(target);
    }
  }
  return ind;
}

StatusOr<ProgrammeDefinition> ParseProgramme(const Json& j, const std::string& path) {
  if (!j.is_object()) return Bad(path, "Een programma is een object.");
  ProgrammeDefinition d;
  Programme& p = d.programme;
  ASSIGN_OR_RETURN(p.code, Text(j, "code", path));
  ASSIGN_OR_RETURN(p.name, Text(j, "naam", path));
  ASSIGN_OR_RETURN(p.description, Text(j, "omschrijving", path, false));
  ASSIGN_OR_RETURN(p.owner, Text(j, "eigenaar", path));
  ASSIGN_OR_RETURN(p.department, Text(j, "afdeling", path, false));
  auto period = j.find("looptijd");
  if (period == j.end() || !period->is_object() || !period->contains("van") ||
      !period->contains("tot") || !(*period)["van"].is_number_integer() ||
      !(*period)["tot"].is_number_integer()) {
    return Bad(path + ".looptijd", "De looptijd is {\"van\": jaar, \"tot\": jaar}.");
  }
  p.start_year = (*period)["van"].get<int>();
  p.end_year = (*period)["tot"].get<int>();
  ASSIGN_OR_RETURN(p.partners, Partners(j, "opgesteld_met", path));
  ASSIGN_OR_RETURN(const Json* themes, Array(j, "themas", path));
  if (themes != nullptr) {
    for (size_t i = 0; i < themes->size(); ++i) {
      if (!(*themes)[i].is_string()) {
        return Bad(path + ".themas[" + std::to_string(i) + "]", "Een thema is tekst.");
      }
      p.themes.push_back((*themes)[i].get<std::string>());
    }
  }
  ASSIGN_OR_RETURN(const Json* ambitions, Array(j, "ambities", path));
  if (ambitions != nullptr) {
    for (size_t i = 0; i < ambitions->size(); ++i) {
      ASSIGN_OR_RETURN(Ambition a, ParseAmbition((*ambitions)[i],
                                                 path + ".ambities[" + std::to_string(i) + "]"));
      p.ambitions.push_back(std::move(a));
    }
  }
  ASSIGN_OR_RETURN(const Json* lines, Array(j, "actielijnen", path));
  if (lines != nullptr) {
    for (size_t i = 0; i < lines->size(); ++i) {
      ASSIGN_OR_RETURN(ActionLine line, ParseActionLine((*lines)[i], path + ".actielijnen[" +
                                                                         std::to_string(i) + "]"));
      p.action_lines.push_back(std::move(line));
    }
  }
  ASSIGN_OR_RETURN(const Json* indicators, Array(j, "indicatoren", path));
  if (indicators != nullptr) {
    for (size_t i = 0; i < indicators->size(); ++i) {
      ASSIGN_OR_RETURN(
          Indicator ind,
          ParseIndicator((*indicators)[i], path + ".indicatoren[" + std::to_string(i) + "]"));
      ind.programme = p.code;
      d.indicators.push_back(std::move(ind));
    }
  }
  Status valid = Validate(p, d.indicators);
  if (!valid.ok()) return Bad(path + "." + valid.field(), valid.message());
  return d;
}

}  // namespace

StatusOr<ProgrammeFile> ParseProgrammeFile(std::string_view json_text) {
  Json j = Json::parse(json_text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return InvalidArgumentError("Het programmabestand is geen geldig JSON-object.", "bestand");
  }
  ProgrammeFile file;
  ASSIGN_OR_RETURN(file.tenant, Text(j, "gemeente", "bestand"));
  ASSIGN_OR_RETURN(file.source, Text(j, "bron", "bestand", false));
  ASSIGN_OR_RETURN(const Json* programmes, Array(j, "programmas", "bestand"));
  if (programmes == nullptr || programmes->empty()) {
    return InvalidArgumentError("Het bestand bevat geen programma's.", "programmas");
  }
  for (size_t i = 0; i < programmes->size(); ++i) {
    ASSIGN_OR_RETURN(ProgrammeDefinition d,
                     ParseProgramme((*programmes)[i], "programmas[" + std::to_string(i) + "]"));
    file.programmes.push_back(std::move(d));
  }
  return file;
}

StatusOr<ProgrammeFile> ReadProgrammeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("Het programmabestand '" + path + "' is niet te lezen.");
  std::ostringstream text;
  text << in.rdbuf();
  return ParseProgrammeFile(text.str());
}

StatusOr<SeedResult> Seed(ProgrammeRepository& repository, const ProgrammeFile& file,
                          const ChangeContext& who) {
  SeedResult result;
  for (const ProgrammeDefinition& d : file.programmes) {
    ASSIGN_OR_RETURN(bool exists, repository.Exists(file.tenant, d.programme.code));
    if (exists) {
      // Programmes stored before they had a department get the file's.
      if (!d.programme.department.empty()) {
        RETURN_IF_ERROR(
            repository.FillDepartment(file.tenant, d.programme.code, d.programme.department));
      }
      result.kept.push_back(d.programme.code);
      continue;
    }
    Status s = repository.Create(file.tenant, d.programme, d.indicators, who);
    if (s.code() == StatusCode::kAlreadyExists) {  // seeded concurrently: the same content
      result.kept.push_back(d.programme.code);
      continue;
    }
    RETURN_IF_ERROR(s);
    result.created.push_back(d.programme.code);
  }
  return result;
}

}  // namespace baken::programme
