// Line-by-line reading of a p0f v3 database: sections, "name = value"
// lines, and which label each signature belongs to. Signature and label
// values themselves are read by tcp_signature_text and p0f_label_text.

#include <fstream>
#include <istream>
#include <map>
#include <sstream>

#include "expert/fingerprint/decimal_text.h"
#include "expert/fingerprint/p0f_database.h"
#include "expert/fingerprint/p0f_label_text.h"
#include "expert/fingerprint/tcp_signature_text.h"

namespace mssck::fingerprint {

namespace {

// A broken or binary file should not flood the caller.
constexpr std::size_t max_listed_diagnostics = 100;

enum class Section { none, tcp_request, tcp_response, mtu, skipped };

std::string_view trim(std::string_view text) {
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

bool is_key_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

std::string lower_case(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return lower;
}

std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

}  // namespace

class P0fDatabaseReader {
public:
    explicit P0fDatabaseReader(std::string source_name) {
        load_.database.source_name_ = std::move(source_name);
    }

    void read(std::istream& input) {
        std::string line;
        while (std::getline(input, line)) {
            ++line_number_;
            read_line(trim(line));
        }
    }

    P0fDatabaseLoad finish() {
        if (unlisted_diagnostics_ > 0) {
            load_.diagnostics.push_back({source(), 0,
                                         std::to_string(unlisted_diagnostics_) +
                                             " more problems were found but not listed"});
        }
        return std::move(load_);
    }

    void report(std::size_t line, std::string message) {
        if (load_.diagnostics.size() >= max_listed_diagnostics) {
            ++unlisted_diagnostics_;
            return;
        }
        load_.diagnostics.push_back({source(), line, std::move(message)});
    }

private:
    // The label that "sig =" lines currently attach to.
    struct CurrentLabel {
        SignatureLabel label;
        std::size_t line = 0;
        bool usable = false;       // false after a malformed label: its sigs are skipped
        bool awaiting_sys = false; // application labels need "sys =" first
    };

    const std::string& source() const { return load_.database.source_name_; }
    P0fDatabase& database() { return load_.database; }

    void read_line(std::string_view line) {
        if (line.empty() || line.front() == ';') return;
        if (line.front() == '[') {
            read_section_header(line);
            return;
        }
        if (section_ == Section::skipped) return;

        std::size_t key_end = 0;
        while (key_end < line.size() && is_key_char(line[key_end])) ++key_end;
        const std::string_view key = line.substr(0, key_end);
        const std::string_view rest = trim(line.substr(key_end));
        if (key.empty() || rest.empty() || rest.front() != '=') {
            report(line_number_, "expected 'name = value', found " + quoted(line));
            return;
        }
        read_setting(key, trim(rest.substr(1)));
    }

    void read_section_header(std::string_view line) {
        current_ = CurrentLabel{};
        mtu_label_.reset();
        seen_section_ = true;
        section_ = Section::skipped;
        if (line.back() != ']') {
            report(line_number_, "section header " + quoted(line) + " lacks ']'; its lines are skipped");
            return;
        }
        const std::string_view name = line.substr(1, line.size() - 2);
        if (name == "mtu") section_ = Section::mtu;
        else if (name == "tcp:request") section_ = Section::tcp_request;
        else if (name == "tcp:response") section_ = Section::tcp_response;
        else if (name == "http:request" || name == "http:response") return;  // not used here
        else report(line_number_, "unknown section " + quoted(line) + "; its lines are skipped");
    }

    void read_setting(std::string_view key, std::string_view value) {
        if (key == "classes") read_classes(value);
        else if (key == "label") read_label(value);
        else if (key == "sys") read_systems(value);
        else if (key == "sig") read_signature(value);
        else if (key == "ua_os") report(line_number_, "'ua_os' belongs in [http:request] only");
        else report(line_number_, "unknown setting " + quoted(key));
    }

    void read_classes(std::string_view value) {
        if (seen_section_) {
            report(line_number_, "'classes' must come before the first section");
            return;
        }
        auto parsed = parse_class_list(value);
        if (!parsed.names) {
            report(line_number_, parsed.error);
            return;
        }
        auto& classes = database().classes_;
        classes.insert(classes.end(), parsed.names->begin(), parsed.names->end());
    }

    void read_label(std::string_view value) {
        if (section_ == Section::mtu) {
            if (value.empty()) report(line_number_, "MTU label is empty");
            else mtu_label_ = std::string(value);
            return;
        }
        if (!in_tcp_section()) {
            report(line_number_, "'label' outside a [tcp:...] or [mtu] section");
            return;
        }
        current_ = CurrentLabel{};
        current_.line = line_number_;
        auto parsed = parse_tcp_label(value, database().classes_);
        if (!parsed.label) {
            report(line_number_, parsed.error + "; the signatures under this label are skipped");
            return;
        }
        current_.label = std::move(*parsed.label);
        current_.label.name = canonical_name(current_.label.name);
        current_.usable = true;
        current_.awaiting_sys = current_.label.is_application();
    }

    void read_systems(std::string_view value) {
        if (!in_tcp_section() || current_.line == 0) {
            report(line_number_, "'sys' must follow an application label ('!' class)");
            return;
        }
        if (!current_.usable) return;  // the label itself was already reported
        if (!current_.label.is_application()) {
            report(line_number_, "'sys' must follow an application label ('!' class), "
                                 "but the label on line " + std::to_string(current_.line) +
                                 " is an OS label");
            return;
        }
        auto parsed = parse_system_list(value, database().classes_);
        if (!parsed.names) {
            report(line_number_, parsed.error);
            return;
        }
        current_.label.systems = std::move(*parsed.names);
        current_.awaiting_sys = false;
    }

    void read_signature(std::string_view value) {
        if (section_ == Section::mtu) {
            read_mtu_signature(value);
        } else if (in_tcp_section()) {
            read_tcp_signature(value);
        } else {
            report(line_number_, "'sig' outside a [tcp:...] or [mtu] section");
        }
    }

    void read_mtu_signature(std::string_view value) {
        if (!mtu_label_) {
            report(line_number_, "MTU 'sig' comes before any 'label'");
            return;
        }
        const auto mtu = parse_decimal(value, 65535);
        if (!mtu || *mtu == 0) {
            report(line_number_, "MTU " + quoted(value) + " must be a number from 1 to 65535");
            return;
        }
        database().mtu_signatures_.push_back({*mtu, *mtu_label_, line_number_});
    }

    void read_tcp_signature(std::string_view value) {
        if (current_.line == 0) {
            report(line_number_, "'sig' comes before any 'label' in this section");
            return;
        }
        if (!current_.usable) return;  // the label was reported; skip quietly
        if (current_.awaiting_sys) {
            report(line_number_, "application label on line " + std::to_string(current_.line) +
                                     " needs a 'sys' line before its signatures");
            return;
        }
        auto parsed = parse_tcp_signature(value);
        if (!parsed.signature) {
            report(line_number_, parsed.error);
            return;
        }
        auto& records = section_ == Section::tcp_request ? database().syn_signatures_
                                                         : database().syn_ack_signatures_;
        records.push_back({current_.label, std::move(*parsed.signature), line_number_});
    }

    bool in_tcp_section() const {
        return section_ == Section::tcp_request || section_ == Section::tcp_response;
    }

    // p0f treats names that differ only in case as one OS and reports the
    // spelling it saw first.
    std::string canonical_name(const std::string& name) {
        return canonical_names_.try_emplace(lower_case(name), name).first->second;
    }

    P0fDatabaseLoad load_;
    std::size_t line_number_ = 0;
    std::size_t unlisted_diagnostics_ = 0;
    Section section_ = Section::none;
    bool seen_section_ = false;
    CurrentLabel current_;
    std::optional<std::string> mtu_label_;
    std::map<std::string, std::string> canonical_names_;
};

P0fDatabaseLoad P0fDatabase::parse(std::istream& input, std::string source_name) {
    P0fDatabaseReader reader(std::move(source_name));
    reader.read(input);
    if (input.bad()) reader.report(0, "reading stopped early: the input failed");
    return reader.finish();
}

P0fDatabaseLoad P0fDatabase::parse_text(std::string_view text, std::string source_name) {
    std::istringstream input{std::string(text)};
    return parse(input, std::move(source_name));
}

P0fDatabaseLoad P0fDatabase::load_file(const std::string& path) {
    std::ifstream input(path);
    if (!input.is_open()) {
        P0fDatabaseReader reader(path);
        reader.report(0, "cannot open the file for reading (missing or unreadable)");
        return reader.finish();
    }
    return parse(input, path);
}

}  // namespace mssck::fingerprint
