#include "expert/fingerprint/p0f_label_text.h"

#include <algorithm>
#include <cctype>

namespace mssck::fingerprint {

namespace {

bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// p0f allows these besides letters and digits in OS and application names.
bool is_name_char(char c) {
    return is_alnum(c) || std::string_view(" ./-_!?()").find(c) != std::string_view::npos;
}

bool is_class_name(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), is_alnum);
}

bool is_known_class(std::string_view name, const std::vector<std::string>& known_classes) {
    return std::any_of(known_classes.begin(), known_classes.end(),
                       [&](const std::string& known) { return equal_ignoring_case(known, name); });
}

std::string_view trim_blanks(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

std::vector<std::string_view> comma_separated(std::string_view text) {
    std::vector<std::string_view> items;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(',', start), text.size());
        items.push_back(trim_blanks(text.substr(start, end - start)));
        start = end + 1;
    }
    return items;
}

std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

}  // namespace

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

LabelParse parse_tcp_label(std::string_view text, const std::vector<std::string>& known_classes) {
    SignatureLabel label;
    if (text.size() < 2 || (text[0] != 's' && text[0] != 'g') || text[1] != ':') {
        return {std::nullopt, "label must start with 's:' (specific) or 'g:' (generic)"};
    }
    label.generic = text[0] == 'g';
    text.remove_prefix(2);

    const std::size_t class_end = text.find(':');
    if (class_end == std::string_view::npos) {
        return {std::nullopt, "label must have the form type:class:name:flavor"};
    }
    const std::string_view os_class = text.substr(0, class_end);
    if (os_class != "!" && !is_class_name(os_class)) {
        return {std::nullopt, "label class " + quoted(os_class) + " must be '!' or a class name"};
    }
    if (os_class != "!" && !is_known_class(os_class, known_classes)) {
        return {std::nullopt, "label class " + quoted(os_class) + " is not listed in 'classes ='"};
    }
    label.os_class = std::string(os_class);
    text.remove_prefix(class_end + 1);

    const std::size_t name_end = text.find(':');
    if (name_end == std::string_view::npos) {
        return {std::nullopt, "label must have the form type:class:name:flavor"};
    }
    const std::string_view name = text.substr(0, name_end);
    if (name.empty() || !std::all_of(name.begin(), name.end(), is_name_char)) {
        return {std::nullopt, "label name " + quoted(name) +
                                  " must be letters, digits, spaces or . / - _ ! ? ( )"};
    }
    label.name = std::string(name);
    label.flavor = std::string(text.substr(name_end + 1));
    return {label, {}};
}

NameListParse parse_class_list(std::string_view text) {
    std::vector<std::string> classes;
    for (std::string_view item : comma_separated(text)) {
        if (!is_class_name(item)) {
            return {std::nullopt, "class name " + quoted(item) + " must be letters and digits"};
        }
        classes.emplace_back(item);
    }
    return {classes, {}};
}

NameListParse parse_system_list(std::string_view text, const std::vector<std::string>& known_classes) {
    std::vector<std::string> systems;
    for (std::string_view item : comma_separated(text)) {
        const bool is_class = !item.empty() && item.front() == '@';
        const std::string_view name = is_class ? item.substr(1) : item;
        if (name.empty() || !std::all_of(name.begin(), name.end(), is_name_char)) {
            return {std::nullopt, "sys entry " + quoted(item) + " must be an OS name or @class"};
        }
        if (is_class && !is_known_class(name, known_classes)) {
            return {std::nullopt, "sys entry " + quoted(item) + " names a class not listed in 'classes ='"};
        }
        systems.emplace_back(item);
    }
    return {systems, {}};
}

}  // namespace mssck::fingerprint
