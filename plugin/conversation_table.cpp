#include "plugin/conversation_table.h"

#include <epan/packet.h>
#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#include <cstdio>

#include "expert/conversation_summary.h"
#include "expert/finding_hint.h"
#include "expert/hot_path.h"
#include "plugin/analysis_session.h"

// Only plain C data here: tap and table callbacks run inside Wireshark,
// which unwinds with longjmp.

namespace mssck_plugin {
namespace {

int mssck_tap = -1;

enum Column {
    kStream, kEndpointA, kEndpointB, kMssA, kMssB, kOsA, kOsB, kLargestAB, kLargestBA, kViolations, kOffloads,
    kResendRun, kBlackHole, kIcmp, kPmtuAB, kPmtuBA, kVerdict, kHint, kColumnCount
};

stat_tap_table_item columns[] = {
    {TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Stream", "%-6u"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Endpoint A", "%-24s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Endpoint B", "%-24s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "MSS A", "%-10s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "MSS B", "%-10s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "OS A", "%-22s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "OS B", "%-22s"},
    {TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Largest A>B", "%-11u"},
    {TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Largest B>A", "%-11u"},
    {TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Violations", "%-10u"},
    {TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Offloads", "%-8u"},
    {TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Resend run", "%-10u"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Black hole", "%-16s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "ICMP seen/honoured/ignored", "%-26s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "PMTU A>B", "%-12s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "PMTU B>A", "%-12s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Verdict", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Hint", "%s"},
};

const char* kTableName = "MSS Check conversations";

// Row of each stream, and the verdict each row counts under.
GHashTable* row_of_stream = nullptr;
GArray* verdict_of_row = nullptr;
guint trouble_count[16];

void set_uint(stat_tap_table* table, guint row, guint column, guint value) {
    stat_tap_table_item_type item = {};
    item.type = TABLE_ITEM_UINT;
    item.value.uint_value = value;
    stat_tap_set_field_data(table, row, column, &item);
}

void set_string(stat_tap_table* table, guint row, guint column, const char* value) {
    stat_tap_table_item_type* old = stat_tap_get_field_data(table, row, column);
    if (old != nullptr && old->type == TABLE_ITEM_STRING) g_free(const_cast<char*>(old->value.string_value));
    stat_tap_table_item_type item = {};
    item.type = TABLE_ITEM_STRING;
    item.value.string_value = g_strdup(value);
    stat_tap_set_field_data(table, row, column, &item);
}

void format_endpoint(const mssck::Endpoint& side, char* out, size_t size) {
    char address[mssck::kAddressTextSize];
    side.address.format(address, sizeof address);
    g_snprintf(out, (gulong)size, side.address.version == 6 ? "[%s]:%u" : "%s:%u", address, side.port);
}

void format_mss(const mssck::Endpoint& side, char* out, size_t size) {
    const mssck::MssValue& mss = side.advertised_mss;
    if (mss.source == mssck::MssSource::Option)
        g_snprintf(out, (gulong)size, "%u", mss.value);
    else if (mss.source == mssck::MssSource::RfcDefault)
        g_snprintf(out, (gulong)size, "%u default", mss.value);
    else
        g_snprintf(out, (gulong)size, "?");
}

void format_os(const mssck::Endpoint& side, char* out, size_t size) {
    const mssck::Analyzer* analyzer = current_analyzer();
    if (analyzer == nullptr || side.os == 0) {
        g_snprintf(out, (gulong)size, "?");
        return;
    }
    const mssck::OsIdentity& os = analyzer->os(side.os);
    g_snprintf(out, (gulong)size, "%s", os.label.empty() ? "unknown" : os.label.c_str());
}

void format_black_hole(const mssck::Conversation& c, char* out, size_t size) {
    out[0] = '\0';
    size_t used = 0;
    for (int direction = 0; direction < 2; ++direction) {
        const mssck::PathState& path = c.side(direction).path;
        const char* state = path.stuck.active ? (path.icmp_seen ? "yes" : "yes, no ICMP")
                            : path.blackholes_recovered ? "recovered"
                            : path.blackholes_cleared ? "cleared"
                            : path.stall_reported ? "stall" : nullptr;
        if (state == nullptr || used >= size) continue;
        used += (size_t)g_snprintf(out + used, (gulong)(size - used), "%s%s %s", used ? "; " : "",
                                   direction == 0 ? "A>B" : "B>A", state);
    }
    if (used == 0) g_snprintf(out, (gulong)size, "-");
}

void format_pmtu(const mssck::PathState& path, char* out, size_t size) {
    const std::uint32_t high = path.head_stuck_ip();
    if (path.largest_delivered_ip == 0 && high == 0)
        g_snprintf(out, (gulong)size, "-");
    else if (high == 0)
        g_snprintf(out, (gulong)size, ">= %u", path.largest_delivered_ip);
    else
        g_snprintf(out, (gulong)size, "%u..%u", path.largest_delivered_ip, high - 1);
}

guint row_for(stat_tap_table* table, guint stream) {
    gpointer found = nullptr;
    if (g_hash_table_lookup_extended(row_of_stream, GUINT_TO_POINTER(stream), nullptr, &found))
        return GPOINTER_TO_UINT(found);
    stat_tap_table_item_type blank[kColumnCount] = {};
    for (int column = 0; column < kColumnCount; ++column) blank[column].type = columns[column].type;
    if (table->num_elements == 0) stat_tap_init_table_row(table, 0, kColumnCount, blank);
    // The new conversation takes the totals row's place; the totals move down.
    const guint row = table->num_elements - 1;
    stat_tap_init_table_row(table, row + 1, kColumnCount, blank);
    g_hash_table_insert(row_of_stream, GUINT_TO_POINTER(stream), GUINT_TO_POINTER(row));
    const gint none = -1;
    g_array_append_val(verdict_of_row, none);
    return row;
}

void update_totals(stat_tap_table* table) {
    const guint row = table->num_elements - 1;
    char text[256];
    size_t used = 0;
    guint troubled = 0;
    for (int verdict = 0; verdict < 16; ++verdict) {
        if (trouble_count[verdict] == 0 || verdict == (int)mssck::Verdict::Ok) continue;
        troubled += trouble_count[verdict];
        if (used < sizeof text)
            used += (size_t)g_snprintf(text + used, (gulong)(sizeof text - used), "%s%u %s", used ? ", " : "",
                                       trouble_count[verdict], mssck::describe((mssck::Verdict)verdict));
    }
    if (used == 0) g_snprintf(text, sizeof text, "no trouble");
    set_uint(table, row, kStream, verdict_of_row->len);
    char count[64];
    g_snprintf(count, sizeof count, "TOTAL: %u conversations", verdict_of_row->len);
    set_string(table, row, kEndpointA, count);
    char with_trouble[64];
    g_snprintf(with_trouble, sizeof with_trouble, "%u with trouble", troubled);
    set_string(table, row, kEndpointB, with_trouble);
    set_string(table, row, kHint, "");
    for (int column = kMssA; column < kVerdict; ++column) {
        if (columns[column].type == TABLE_ITEM_STRING) set_string(table, row, column, "");
        else set_uint(table, row, column, 0);
    }
    set_string(table, row, kVerdict, text);
}

void fill_row(stat_tap_table* table, guint row, const mssck::Conversation& c) {
    char text[256];
    const mssck::Endpoint& a = c.side(0);
    const mssck::Endpoint& b = c.side(1);
    set_uint(table, row, kStream, c.stream);
    format_endpoint(a, text, sizeof text); set_string(table, row, kEndpointA, text);
    format_endpoint(b, text, sizeof text); set_string(table, row, kEndpointB, text);
    format_mss(a, text, sizeof text); set_string(table, row, kMssA, text);
    format_mss(b, text, sizeof text); set_string(table, row, kMssB, text);
    format_os(a, text, sizeof text); set_string(table, row, kOsA, text);
    format_os(b, text, sizeof text); set_string(table, row, kOsB, text);
    set_uint(table, row, kLargestAB, a.largest_payload);
    set_uint(table, row, kLargestBA, b.largest_payload);
    set_uint(table, row, kViolations, (guint)a.violations + b.violations);
    set_uint(table, row, kOffloads, (guint)a.offloads + b.offloads);
    set_uint(table, row, kResendRun, MAX(a.path.longest_resend_run, b.path.longest_resend_run));
    format_black_hole(c, text, sizeof text); set_string(table, row, kBlackHole, text);
    g_snprintf(text, sizeof text, "%u/%u/%u", a.path.icmp_seen + b.path.icmp_seen,
               a.path.icmp_honored + b.path.icmp_honored, a.path.icmp_ignored + b.path.icmp_ignored);
    set_string(table, row, kIcmp, text);
    format_pmtu(a.path, text, sizeof text); set_string(table, row, kPmtuAB, text);
    format_pmtu(b.path, text, sizeof text); set_string(table, row, kPmtuBA, text);

    const mssck::ConversationVerdict verdict = mssck::judge(c);
    mssck::describe_verdict(c, verdict, text, sizeof text);
    set_string(table, row, kVerdict, text);
    char hint[mssck::kHintTextSize] = "";
    if (current_analyzer() != nullptr) mssck::format_conversation_hint(*current_analyzer(), c, verdict, hint, sizeof hint);
    set_string(table, row, kHint, hint);
    gint& counted = g_array_index(verdict_of_row, gint, row);
    if (counted >= 0) --trouble_count[counted];
    counted = (gint)verdict.verdict;
    ++trouble_count[counted];
}

tap_packet_status on_packet(void* tapdata, packet_info*, epan_dissect_t*, const void* data, tap_flags_t) {
    auto* stat_data = static_cast<stat_data_t*>(tapdata);
    const auto* report = static_cast<const mssck::FrameReport*>(data);
    const mssck::Conversation* conversation = conversation_of(*report);
    if (conversation == nullptr || !conversation->side(1).present) return TAP_PACKET_DONT_REDRAW;
    stat_tap_table* table = g_array_index(stat_data->stat_tap_data->tables, stat_tap_table*, 0);
    fill_row(table, row_for(table, report->stream), *conversation);
    update_totals(table);
    return TAP_PACKET_REDRAW;
}

void forget_rows() {
    if (row_of_stream != nullptr) g_hash_table_remove_all(row_of_stream);
    else row_of_stream = g_hash_table_new(g_direct_hash, g_direct_equal);
    if (verdict_of_row != nullptr) g_array_set_size(verdict_of_row, 0);
    else verdict_of_row = g_array_new(FALSE, FALSE, sizeof(gint));
    for (guint& count : trouble_count) count = 0;
}

void on_init(stat_tap_table_ui* ui) {
    forget_rows();
    if (stat_tap_find_table(ui, kTableName) != nullptr) return;
    stat_tap_add_table(ui, stat_tap_init_table(kTableName, kColumnCount, 0, nullptr));
}

// Before a retap: start again with no rows.
void on_reset(stat_tap_table* table) {
    forget_rows();
    for (guint row = 0; row < table->num_elements; ++row) {
        for (guint column = 0; column < table->num_fields; ++column) {
            stat_tap_table_item_type* item = stat_tap_get_field_data(table, row, column);
            if (item->type == TABLE_ITEM_STRING) g_free(const_cast<char*>(item->value.string_value));
        }
        g_free(table->elements[row]);
    }
    g_free(table->elements);
    table->elements = nullptr;
    table->num_elements = 0;
}

void on_free_item(stat_tap_table*, guint, guint, stat_tap_table_item_type* item) {
    if (item->type == TABLE_ITEM_STRING) g_free(const_cast<char*>(item->value.string_value));
}

stat_tap_table_ui table_ui = {
    REGISTER_PACKET_STAT_GROUP_UNSORTED,  // Qt 4.0 lists this group in the Statistics menu; GENERIC in none
    "MSS Check Conversations",
    "mssck",
    "mssck,conv",
    on_init,
    on_packet,
    on_reset,
    on_free_item,
    nullptr,
    G_N_ELEMENTS(columns), columns,
    0, nullptr,
    nullptr, 0};

} // namespace

void register_conversation_table() {
    mssck_tap = register_tap("mssck");
    register_stat_tap_table_ui(&table_ui);
}

MSSCK_HOT void queue_for_conversation_table(void* pinfo, const void* report) {
    if (mssck_tap >= 0) tap_queue_packet(mssck_tap, static_cast<packet_info*>(pinfo), report);
}

} // namespace mssck_plugin
