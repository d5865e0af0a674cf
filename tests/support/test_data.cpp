#include "support/test_data.hpp"

#include <algorithm>
#include <cmath>
#include <dirent.h>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace gputco::test {

std::string data_dir() { return GPUTCO_TEST_DATA_DIR; }

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

namespace {

std::vector<std::string> names_with(const std::string& dir, const std::string& companion_suffix) {
    std::vector<std::string> names;
    DIR* d = opendir(dir.c_str());
    if (!d) throw std::runtime_error("cannot list " + dir);
    while (const dirent* entry = readdir(d)) {
        const std::string file = entry->d_name;
        const std::string suffix = ".json";
        if (file.size() <= suffix.size() || file.compare(file.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
        if (file.find(".expected.") != std::string::npos) continue;
        const std::string name = file.substr(0, file.size() - suffix.size());
        if (std::ifstream(dir + "/" + name + companion_suffix)) names.push_back(name);
    }
    closedir(d);
    std::sort(names.begin(), names.end());
    return names;
}

void compare(const Json& a, const Json& e, const std::string& path, double rel, double abs,
             std::vector<std::string>& out) {
    if (e.is_number() && a.is_number()) {
        const double x = a.get<double>(), y = e.get<double>();
        const double diff = std::fabs(x - y);
        if (!(diff <= abs || diff <= rel * std::fabs(y))) {
            std::ostringstream msg;
            msg.precision(17);
            msg << path << ": got " << x << ", expected " << y << " (relative difference " << diff / std::fabs(y) << ")";
            out.push_back(msg.str());
        }
        return;
    }
    if (a.type() != e.type()) {
        out.push_back(path + ": got " + a.dump() .substr(0, 80) + ", expected " + e.dump().substr(0, 80));
        return;
    }
    if (e.is_object()) {
        for (const auto& item : e.items()) {
            if (!a.contains(item.key())) out.push_back(path + "." + item.key() + ": missing");
            else compare(a[item.key()], item.value(), path + "." + item.key(), rel, abs, out);
        }
        for (const auto& item : a.items()) {
            if (!e.contains(item.key())) out.push_back(path + "." + item.key() + ": not expected");
        }
    } else if (e.is_array()) {
        if (a.size() != e.size()) {
            out.push_back(path + ": " + std::to_string(a.size()) + " elements, expected " + std::to_string(e.size()));
            return;
        }
        for (std::size_t i = 0; i < e.size(); ++i) compare(a[i], e[i], path + "[" + std::to_string(i) + "]", rel, abs, out);
    } else if (a != e) {
        out.push_back(path + ": got " + a.dump() + ", expected " + e.dump());
    }
}

}  // namespace

std::vector<std::string> golden_case_names() { return names_with(data_dir(), ".expected.json"); }
std::vector<std::string> invalid_case_names() { return names_with(data_dir() + "/invalid", ".problems.txt"); }

std::vector<std::string> json_differences(const Json& actual, const Json& expected, double rel, double abs) {
    std::vector<std::string> out;
    compare(actual, expected, "", rel, abs, out);
    return out;
}

Json base_scenario() {
    return Json::parse(R"({
        "schema": "gpu-tco/1",
        "name": "base",
        "horizon_months": 36,
        "discount_rate": 0.08,
        "demand": {"gpus": 100},
        "market": {"on_demand_price": 3.0, "spot_price": 2.0},
        "options": [
            {"id": "od", "kind": "on_demand"},
            {"id": "sp", "kind": "spot"},
            {"id": "cm", "kind": "commit", "gpus": 100, "term_months": 24, "price": 2.5},
            {"id": "ow", "kind": "own", "gpus": 100, "capex_per_gpu": 30000}
        ]
    })");
}

std::string golden_path(const std::string& name) { return data_dir() + "/" + name + ".json"; }

}  // namespace gputco::test
