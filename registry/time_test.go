package registry_test

import "time"

type timeNow = time.Time

func parseTime(s string) (time.Time, error) { return time.Parse(time.RFC3339, s) }

func mustTime(s string) time.Time {
	t, err := parseTime(s)
	if err != nil {
		panic(err)
	}
	return t
}
