/* test_datetime.c — cd_date_find: the date shapes of bylines and datelines. */
#include <criterion/criterion.h>
#include <string.h>

#include "fetch.h"

static void expect(const char *s, const char *want)
{
    char out[11] = "";
    bool ok = cd_date_find(s, strlen(s), out);
    if (want) {
        cr_expect(ok, "no date found in \"%s\"", s);
        cr_expect_str_eq(out, want, "\"%s\"", s);
    } else {
        cr_expect(!ok, "unexpected date %s in \"%s\"", out, s);
    }
}

Test(datetime, numeric_month_first)
{
    expect("by Julia Mueller - 06/12/23 12:16 PM ET", "2023-06-12");
    expect("6/1/2023", "2023-06-01");
    expect("12-31-1999", "1999-12-31");
    expect("03.04.2021", "2021-03-04");
}

Test(datetime, numeric_day_first_when_first_field_exceeds_12)
{
    expect("13/06/2023", "2023-06-13");
    expect("31.12.22", "2022-12-31");
}

Test(datetime, iso)
{
    expect("2023-06-12", "2023-06-12");
    expect("date 2023-06-12 trending:", "2023-06-12");
    expect("2023-06-12T12:16:00Z", "2023-06-12");
    expect("published 2023/06/12 at noon", "2023-06-12");
}

Test(datetime, month_names)
{
    expect("June 12, 2023", "2023-06-12");
    expect("Jun 12 2023", "2023-06-12");
    expect("Sept. 13, 2023", "2023-09-13");
    expect("Sep 13, 2023", "2023-09-13");
    expect("Monday, June 12, 2023", "2023-06-12");
    expect("Updated: 12:16 PM ET, June 12th, 2023", "2023-06-12");
    expect("Published: DECEMBER 1, 2021", "2021-12-01");
    expect("May 5, 2020", "2020-05-05");
    expect("Feb. 29, 2024", "2024-02-29");
}

Test(datetime, day_first_names)
{
    expect("12 June 2023", "2023-06-12");
    expect("Wed 14 Jun 2023 21.05 BST", "2023-06-14");
    expect("1st of March, 2019", "2019-03-01");
    expect("13 Sept. 2023", "2023-09-13");
}

Test(datetime, first_date_wins)
{
    expect("from June 1, 2023 to July 2, 2023", "2023-06-01");
}

Test(datetime, rejects_impossible_and_partial)
{
    expect("February 30, 2023", NULL);
    expect("Feb 29, 2023", NULL);
    expect("13/13/2023", NULL);
    expect("2023-13-01", NULL);
    expect("June 31, 2023", NULL);
    expect("June 12, 1850", NULL);
    expect("on Wednesday (September 13) at the cosmodrome", NULL);
    expect("version 1.2.3.4", NULL);
    expect("3/4 of voters", NULL);
    expect("score 2-1", NULL);
    expect("Mayday 12, 2023", NULL);
    expect("", NULL);
    expect("12345/12/2023", NULL);
}

Test(datetime, bounded_by_len)
{
    const char s[] = "June 12, 2023";
    char out[11] = "";
    cr_expect(!cd_date_find(s, 10, out)); /* "June 12, 2" */
    cr_expect(cd_date_find(s, 13, out));
    cr_expect_str_eq(out, "2023-06-12");
}
