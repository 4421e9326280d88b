package locale

import (
	"errors"
	"fmt"

	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
)

// Say is v in p's language: an apiclient.Text or an error made by
// apiclient.Errorf is formatted from the catalogue, its Text and error
// arguments said the same way; any other error reads as its own message
// (an operating system's or a library's words, which stay as they are); a
// fmt.Stringer or a string is shown as it is.
func Say(p *message.Printer, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case apiclient.Text:
		return sayText(p, x)
	case error:
		// A wrapper that adds no words of its own (an exit code, say) is
		// seen through; one that adds words (fmt.Errorf("…: %w")) keeps
		// them as they are.
		for e := error(x); ; {
			switch t := e.(type) {
			case *apiclient.TextError:
				return sayText(p, t.Text)
			case interface{ Text() apiclient.Text }:
				return sayText(p, t.Text())
			}
			if e = errors.Unwrap(e); e == nil || e.Error() != x.Error() {
				return x.Error()
			}
		}
	case fmt.Stringer:
		return x.String()
	case string:
		return x
	}
	return fmt.Sprint(v)
}

// SayAll says each of ts in p's language.
func SayAll(p *message.Printer, ts []apiclient.Text) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = sayText(p, t)
	}
	return out
}

// sayText formats t in p's language, saying its Text and error arguments
// first.
func sayText(p *message.Printer, t apiclient.Text) string {
	if p == nil {
		return t.String()
	}
	args := make([]any, len(t.Args))
	for i, a := range t.Args {
		switch a.(type) {
		case apiclient.Text, error:
			args[i] = Say(p, a)
		default:
			args[i] = a
		}
	}
	return p.Sprintf(t.Format, args...)
}

// Explained is x in p's language: what happened, the createInstances
// page's own Chinese wording (错误解析) where there is one and p speaks
// English (in Chinese the summary already says it), and what to do next.
func Explained(p *message.Printer, x apiclient.Explanation) (summary, chinese, next string) {
	summary, next = Say(p, x.Summary), Say(p, x.Next)
	if LangOf(p) == English {
		chinese = x.Chinese
	}
	return summary, chinese, next
}

// List is items as an enumeration in p's language: "a, b, c" in English,
// "a、b、c" in Chinese (the enumeration comma, not the clause comma that
// ", " is said as).
func List(p *message.Printer, items []string) string {
	if len(items) == 0 {
		return ""
	}
	out := items[0]
	for _, it := range items[1:] {
		out = p.Sprintf("%s, %s", out, it)
	}
	return out
}

// Warning is the line a warning is said in: "cocvm: warning: …".
func Warning(p *message.Printer, w apiclient.Text) string {
	return "cocvm: " + p.Sprintf("warning: %s", sayText(p, w))
}
