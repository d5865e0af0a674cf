// gpu-tco link: a scenario as a share link, and a share link back as a
// scenario (docs/share-links.md).
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "gputco/scenario_json.hpp"
#include "gputco/share_link.hpp"

namespace gputco::cli {
namespace {

constexpr const char* default_base = "http://127.0.0.1:8080/";

// A valid scenario's text rewritten with its keys in their order: compact
// (indent < 0) or indented. Only called on text the scenario reader accepted.
std::string rewrite(const std::string& text, int indent) { return nlohmann::ordered_json::parse(text).dump(indent); }

int link_error(const LinkError& error) {
    std::cerr << "(link): " << error.message << '\n';
    return exit_invalid;
}

int make_link(const Arguments& args) {
    if (args.positional.size() != 1) {
        return usage_error("link takes exactly one FILE (or - for standard input), or --decode LINK");
    }
    const std::optional<std::string> text = read_input(args.positional[0]);
    if (!text) return exit_invalid;
    const ScenarioParse parsed = parse_scenario(*text);
    if (!parsed.ok()) return report(parsed.problems);

    const std::string json = rewrite(*text, -1);
    if (const std::optional<LinkError> error = share_link_limit_error(json, share_link_payload(json))) {
        return link_error(*error);
    }
    const auto base = args.values.find("base");
    const std::string link = encode_share_link(json, base == args.values.end() ? default_base : base->second);
    // A link that does not open to exactly this text would be a bug in the codec, not a problem with the input.
    const LinkDecode check = decode_share_link(link);
    if (!check.ok() || check.json != json) {
        std::cerr << "gpu-tco: internal error: the link made for this scenario does not open to it\n";
        return exit_internal;
    }
    std::cout << link << '\n';
    return exit_ok;
}

int open_link(const Arguments& args) {
    if (!args.positional.empty() || args.has("base")) {
        return usage_error("link --decode takes one LINK and nothing else");
    }
    std::string link = args.values.at("decode");
    if (link == "-") {
        const std::optional<std::string> input = read_input("-");
        if (!input) return exit_invalid;
        link = *input;
    }
    const LinkDecode decoded = decode_share_link(link);
    if (!decoded.ok()) return link_error(*decoded.error);
    const ScenarioParse parsed = parse_scenario(decoded.json);
    if (!parsed.ok()) return report(parsed.problems);
    std::cout << rewrite(decoded.json, 2) << '\n';
    return exit_ok;
}

int run_link(const Arguments& args) { return args.has("decode") ? open_link(args) : make_link(args); }

const bool registered_link = register_command({"link",
                                               "link FILE|- [--base URL] | --decode LINK|-",
                                               "a share link for a scenario, or the scenario in a link",
                                               30,
                                               {"base", "decode"},
                                               {},
                                               run_link});

}  // namespace
}  // namespace gputco::cli
