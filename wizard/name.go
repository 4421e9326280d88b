package wizard

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/cocvm/cocvm/apiclient"
)

// The name rule of the createInstances table: "长度为1~64字符，可以包含中文、数字、
// 大小写字母、英文下划线“_”、中划线“-”或点“.”，不能以“.”作为首尾". Read as:
//
//   - length counts characters (a CJK character is one), 1..64;
//   - "中文" is any character of the Han script (unicode.Han, which covers the
//     CJK ideograph blocks and their extensions); CJK punctuation such as
//     "，" and full-width letters or digits are not Chinese characters and
//     are refused;
//   - letters and digits are ASCII a-z, A-Z, 0-9 (the seed says 大小写字母,
//     upper and lower case letters, which in JD Cloud's rules means ASCII);
//   - the stray "," after “.” in the seed's sentence is punctuation of the
//     sentence, not an allowed character;
//   - '.' may appear inside the name but not as its first or last character.

const nameMaxLen = 64

const maxNameBadChars = 8

// CheckName returns one message per broken name rule, as Texts a page says
// in the person's language; nil when the name is valid.
func CheckName(name string) []apiclient.Text {
	if name == "" {
		return []apiclient.Text{apiclient.T("is required: 1 to 64 characters of Chinese, letters, digits, '_', '-' or '.'")}
	}
	var (
		n    int
		bad  [maxNameBadChars]rune
		nBad int
	)
	for _, r := range name {
		n++
		if nameRuneOK(r) {
			continue
		}
		seen := false
		for _, b := range bad[:min(nBad, maxNameBadChars)] {
			seen = seen || b == r
		}
		if !seen {
			if nBad < maxNameBadChars {
				bad[nBad] = r
			}
			nBad++
		}
	}
	var out []apiclient.Text
	if n > nameMaxLen {
		out = append(out, apiclient.T("must be 1 to 64 characters; has %s", strconv.Itoa(n)))
	}
	if nBad > 0 {
		list := describeRunes(bad[:min(nBad, maxNameBadChars)], nBad)
		if nBad == 1 {
			out = append(out, apiclient.T("contains %v, which is not allowed; use Chinese characters, letters, digits, '_', '-' or '.'", list))
		} else {
			out = append(out, apiclient.T("contains %v, which are not allowed; use Chinese characters, letters, digits, '_', '-' or '.'", list))
		}
	}
	if name[0] == '.' {
		out = append(out, apiclient.T("must not start with '.'"))
	}
	if name[len(name)-1] == '.' {
		out = append(out, apiclient.T("must not end with '.'"))
	}
	return out
}

func nameRuneOK(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' ||
			r == '_' || r == '-' || r == '.'
	case r == utf8.RuneError:
		return false
	}
	return unicode.Is(unicode.Han, r)
}
