// Reading TCP options into a SynObservation, with p0f's rules for what
// counts as padding, as data after EOL, and as malformed.

#include "expert/fingerprint/syn_observation.h"

namespace mssck::fingerprint {

namespace {

void clear_options(SynObservation& observation) {
    observation.options = TcpOptionLayout{};
    observation.nonzero_data_after_eol = false;
    observation.malformed_options = false;
}

std::uint8_t clamp_to_byte(std::size_t value) {
    return value > 255 ? 255 : static_cast<std::uint8_t>(value);
}

std::uint16_t read_be16(const std::uint8_t* bytes) {
    return static_cast<std::uint16_t>((bytes[0] << 8) | bytes[1]);
}

std::uint32_t read_be32(const std::uint8_t* bytes) {
    return (std::uint32_t{bytes[0]} << 24) | (std::uint32_t{bytes[1]} << 16) |
           (std::uint32_t{bytes[2]} << 8) | std::uint32_t{bytes[3]};
}

// Walks the option bytes; `position` always indexes the byte after a kind.
class OptionReader {
public:
    OptionReader(SynObservation& observation, const std::uint8_t* bytes, std::size_t size)
        : observation_(observation), bytes_(bytes), size_(size) {}

    void read_all() {
        while (position_ < size_ && observation_.options.kinds.size() < max_layout_options) {
            const std::uint8_t kind = bytes_[position_++];
            observation_.options.kinds.push_back(kind);
            if (!read_option_body(kind)) {
                observation_.malformed_options = true;
                return;
            }
        }
        // Options left over (too many of them) are malformed too.
        if (position_ != size_) observation_.malformed_options = true;
    }

private:
    std::size_t remaining() const { return size_ - position_; }

    // Reads a fixed-size option whose length byte should equal `length`.
    // A wrong length byte is a quirk; running out of bytes stops parsing.
    bool read_fixed(std::uint8_t length) {
        const std::size_t body = length - 1u;  // length byte + data
        if (remaining() < body) return false;
        if (bytes_[position_] != length) observation_.malformed_options = true;
        return true;
    }

    // Reads a variable-size option whose length must be within limits.
    bool skip_variable(unsigned minimum, unsigned maximum) {
        if (remaining() == 0) return false;
        const unsigned length = bytes_[position_];
        if (length < minimum || length > maximum) return false;
        if (length - 1u > remaining()) return false;
        position_ += length - 1u;
        return true;
    }

    bool read_option_body(std::uint8_t kind) {
        switch (kind) {
            case tcp_option_kind::end_of_list: read_after_eol(); return true;
            case tcp_option_kind::no_operation: return true;
            case tcp_option_kind::max_segment_size:
                if (!read_fixed(4)) return false;
                observation_.mss = read_be16(bytes_ + position_ + 1);
                position_ += 3;
                return true;
            case tcp_option_kind::window_scale:
                if (!read_fixed(3)) return false;
                observation_.window_scale = bytes_[position_ + 1];
                position_ += 2;
                return true;
            case tcp_option_kind::sack_permitted:
                if (!read_fixed(2)) return false;
                position_ += 1;
                return true;
            case tcp_option_kind::sack: return skip_variable(10, 34);
            case tcp_option_kind::timestamp:
                if (!read_fixed(10)) return false;
                observation_.timestamp_value = read_be32(bytes_ + position_ + 1);
                observation_.timestamp_echo = read_be32(bytes_ + position_ + 5);
                position_ += 9;
                return true;
            default: return skip_variable(2, 40);
        }
    }

    // EOL ends the options; what follows is padding, ideally all zero.
    void read_after_eol() {
        observation_.options.eol_padding = clamp_to_byte(remaining());
        for (; position_ < size_; ++position_) {
            if (bytes_[position_] != 0) observation_.nonzero_data_after_eol = true;
        }
    }

    SynObservation& observation_;
    const std::uint8_t* bytes_;
    std::size_t size_;
    std::size_t position_ = 0;
};

}  // namespace

void set_options_from_bytes(SynObservation& observation, const std::uint8_t* bytes,
                            std::size_t size) {
    clear_options(observation);
    observation.mss.reset();
    observation.window_scale.reset();
    observation.timestamp_value.reset();
    observation.timestamp_echo.reset();
    if (bytes == nullptr) size = 0;
    OptionReader(observation, bytes, size).read_all();
}

void set_options_from_wireshark_kinds(SynObservation& observation,
                                      const std::uint8_t* kinds, std::size_t count) {
    clear_options(observation);
    if (kinds == nullptr) count = 0;
    bool after_eol = false;
    std::size_t padding = 0;
    for (std::size_t i = 0; i < count; ++i) {
        if (after_eol) {
            if (kinds[i] == tcp_option_kind::end_of_list) {
                ++padding;
            } else {
                observation.nonzero_data_after_eol = true;
            }
            continue;
        }
        if (observation.options.kinds.size() == max_layout_options) {
            observation.malformed_options = true;
            break;
        }
        observation.options.kinds.push_back(kinds[i]);
        after_eol = kinds[i] == tcp_option_kind::end_of_list;
    }
    observation.options.eol_padding = clamp_to_byte(padding);
}

}  // namespace mssck::fingerprint
