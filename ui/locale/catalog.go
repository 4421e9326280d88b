package locale

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// The catalogue is x/text's: the English source string is the key (what
// the code passes to Printer.Sprintf), English needs an entry only where a
// count chooses the form, and Chinese has one for every message the code
// uses (TestCatalogueCoversEveryMessage holds both ways).
var cat = catalog.NewBuilder(catalog.Fallback(language.English))

// Tag is the language's BCP 47 tag.
func (l Lang) Tag() language.Tag {
	if l == Chinese {
		return language.SimplifiedChinese
	}
	return language.English
}

// Printer formats and translates in l: pages reach it through
// theme.Styles.P, never through a package variable.
func Printer(l Lang) *message.Printer {
	return message.NewPrinter(l.Tag(), message.Catalog(cat))
}

// englishPlurals are the English messages whose form depends on a count
// (argument arg, counted from 1): key -> one, other.
var englishPlurals = map[string]struct {
	arg        int
	one, other string
}{
	"%d instances":                   {1, "%d instance", "%d instances"},
	"Watching %d instances":          {1, "Watching %d instance", "Watching %d instances"},
	"%s watching %d instances in %s": {2, "%s watching %d instance in %s", "%s watching %d instances in %s"},
	"%d instances not found yet in %s; still looking for %s (another region? --region)": {1,
		"%d instance not found yet in %s; still looking for %s (another region? --region)",
		"%d instances not found yet in %s; still looking for %s (another region? --region)"},
}

func init() {
	for key, forms := range englishPlurals {
		must(cat.Set(language.English, key, plural.Selectf(forms.arg, "%d", plural.One, forms.one, plural.Other, forms.other)))
	}
	for key, text := range zhMessages {
		must(cat.SetString(language.SimplifiedChinese, key, text))
	}
}

func must(err error) {
	if err != nil {
		panic("locale: " + err.Error())
	}
}

// ChineseKeys are the source strings the Chinese catalogue translates.
func ChineseKeys() []string {
	keys := make([]string, 0, len(zhMessages))
	for k := range zhMessages {
		keys = append(keys, k)
	}
	return keys
}
