package wizard

import "unicode/utf8"

// EditDistance is the Levenshtein distance between two short strings, in
// characters (as used for "did you mean" suggestions); strings over 64
// characters are far apart.
func EditDistance(a, b string) int {
	d, _ := EditDistanceWithin(a, b, farApart)
	return d
}

const farApart = 1 << 20

// EditDistanceWithin is EditDistance for a caller that only cares about
// distances up to limit: ok reports whether a and b are at most limit edits
// apart, and the work stops as soon as they cannot be (a body may have a
// hundred thousand unknown keys to compare with the field names).
func EditDistanceWithin(a, b string, limit int) (distance int, ok bool) {
	na, nb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	switch {
	case na > 64 || nb > 64:
		return farApart, false // far too long to be a typo of a name
	case max(na-nb, nb-na) > limit:
		return farApart, false // that many insertions at least
	case na == len(a) && nb == len(b): // ASCII, the usual case: no copies
		return levenshtein(na, nb, limit, func(i, j int) bool { return a[i] == b[j] })
	}
	ra, rb := []rune(a), []rune(b)
	return levenshtein(na, nb, limit, func(i, j int) bool { return ra[i] == rb[j] })
}

// levenshtein fills the table for lengths na and nb (at most 64), two rows
// at a time, giving up once a whole row exceeds limit.
func levenshtein(na, nb, limit int, same func(i, j int) bool) (int, bool) {
	var prev, cur [65]int
	for j := 0; j <= nb; j++ {
		prev[j] = j
	}
	for i := 1; i <= na; i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= nb; j++ {
			cost := 1
			if same(i-1, j-1) {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return farApart, false // no later row is smaller
		}
		prev, cur = cur, prev
	}
	return prev[nb], prev[nb] <= limit
}
