/* The limit: builds and serialises the same 10,000-event feed with libical directly (what
 * FeedRenderer produces, minus its own folding pass), and parses a busy calendar reading each
 * event's times, as CalendarImport does. Prints the best of 5 runs in seconds.
 * Usage: render_bench render N | render_bench parse FILE.ics */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }

static icalcomponent *compact_vtimezone(icaltimezone *london) {
    icalcomponent *vtz = icalcomponent_new_clone(icaltimezone_get_component(london));
    struct icaltimetype start = icaltime_null_time();
    start.year = 2020; start.month = 1; start.day = 1;
    start = icaltime_set_timezone(&start, icaltimezone_get_utc_timezone());
    icaltimezone_truncate_vtimezone(vtz, start, icaltime_null_time(), 1);
    icalproperty_set_tzid(icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY), "Europe/London");
    return vtz;
}

static icalproperty *xprop(const char *name, const char *value) {
    icalproperty *p = icalproperty_new_x(value);
    icalproperty_set_x_name(p, name);
    return p;
}

static double render(int n, icaltimezone *london, icalcomponent *tz) {
    double t0 = now();
    icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
    icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal, icalproperty_new_prodid("-//briefings//Council Briefings//EN"));
    icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(cal, icalproperty_new_name("Briefings: benchmark"));
    icalcomponent_add_property(cal, xprop("X-WR-CALNAME", "Briefings: benchmark"));
    icalcomponent_add_property(cal, icalproperty_new_description("Benchmark feed"));
    icalcomponent_add_property(cal, xprop("X-WR-CALDESC", "Benchmark feed"));
    icalcomponent_add_property(cal, xprop("X-WR-TIMEZONE", "Europe/London"));
    icalcomponent_add_property(cal, icalproperty_new_refreshinterval(icaldurationtype_from_int(3600)));
    icalcomponent_add_property(cal, xprop("X-PUBLISHED-TTL", "PT60M"));
    icalcomponent_add_component(cal, icalcomponent_new_clone(tz));
    time_t base = 1798000000;
    char uid[64], title[160];
    for (int i = 0; i < n; i++) {
        icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
        snprintf(uid, sizeof uid, "session-%d@briefings", i + 1);
        snprintf(title, sizeof title, "Briefing: Local Plan review, part %d (Labour Group + Liberal Democrat Group)", i + 1);
        time_t start = base + (time_t)i * 4 * 3600;
        icalcomponent_add_property(ev, icalproperty_new_uid(uid));
        struct icaltimetype stamp = icaltime_from_timet_with_zone(base - 86400, 0, icaltimezone_get_utc_timezone());
        icalcomponent_add_property(ev, icalproperty_new_dtstamp(stamp));
        icalcomponent_add_property(ev, icalproperty_new_lastmodified(stamp));
        icalcomponent_add_property(ev, icalproperty_new_sequence(i % 7));
        struct icaltimetype s = icaltime_from_timet_with_zone(start, 0, london); s.zone = NULL;
        struct icaltimetype e = icaltime_from_timet_with_zone(start + 2700, 0, london); e.zone = NULL;
        icalproperty *ps = icalproperty_new_dtstart(s); icalproperty_add_parameter(ps, icalparameter_new_tzid("Europe/London"));
        icalproperty *pe = icalproperty_new_dtend(e); icalproperty_add_parameter(pe, icalparameter_new_tzid("Europe/London"));
        icalcomponent_add_property(ev, ps);
        icalcomponent_add_property(ev, pe);
        icalcomponent_add_property(ev, icalproperty_new_summary(title));
        icalcomponent_add_property(ev, icalproperty_new_description("SE-0001, briefing BR-0001. Group meeting 18:00-20:00; officers 18:00-18:45: Nadia Rahman (confirmed)."));
        icalcomponent_add_property(ev, icalproperty_new_location("Committee Room 1, Civic Centre"));
        icalcomponent_add_property(ev, icalproperty_new_status(ICAL_STATUS_CONFIRMED));
        icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
        icalcomponent_add_component(cal, ev);
    }
    char *text = icalcomponent_as_ical_string_r(cal);
    size_t length = strlen(text);
    icalmemory_free_buffer(text);
    icalcomponent_free(cal);
    double t = now() - t0;
    if (length == 0) abort();
    return t;
}

static double parse(const char *text) {
    double t0 = now();
    icalcomponent *cal = icalparser_parse_string(text);
    if (icalcomponent_count_errors(cal) > 0) abort();
    long total = 0;
    for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        struct icaltimetype s = icalcomponent_get_dtstart(ev), e = icalcomponent_get_dtend(ev);
        icaltimezone *zone = icalcomponent_get_timezone(cal, "Europe/London");
        total += (long)(icaltime_as_timet_with_zone(e, zone) - icaltime_as_timet_with_zone(s, zone));
        if (!icalcomponent_get_summary(ev)) abort();
    }
    icalcomponent_free(cal);
    double t = now() - t0;
    if (total <= 0) abort();
    return t;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: render_bench render N | parse FILE\n"); return 2; }
    icaltimezone *london = icaltimezone_get_builtin_timezone("Europe/London");
    icalcomponent *tz = compact_vtimezone(london);
    double best = 1e9;
    if (strcmp(argv[1], "render") == 0) {
        int n = atoi(argv[2]);
        for (int r = 0; r < 5; r++) { double t = render(n, london, tz); if (t < best) best = t; }
    } else {
        FILE *f = fopen(argv[2], "rb"); if (!f) return 1;
        fseek(f, 0, SEEK_END); long size = ftell(f); fseek(f, 0, SEEK_SET);
        char *text = malloc(size + 1); if (fread(text, 1, size, f) != (size_t)size) return 1; text[size] = 0; fclose(f);
        for (int r = 0; r < 5; r++) { double t = parse(text); if (t < best) best = t; }
        free(text);
    }
    icalcomponent_free(tz);
    printf("%.6f\n", best);
    return 0;
}
