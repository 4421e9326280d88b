package theme

import "strings"

// Column is one column of a table: the status panel's and every list of
// choices in the wizard are laid out by FitColumns and Row.
type Column struct {
	Title string
	Width int  // the width it wants
	Min   int  // when the table is too wide it gives up width down to Min; 0: never
	Right bool // right-aligned, as numbers are
	Drop  int  // when still too wide, columns are hidden in Drop order (1 first); 0: never
}

// ColumnGap is the space between two columns.
const ColumnGap = 2

// FitColumns gives each column its width in a table of at most width cells
// (columns and the gaps between them): first the columns that may shrink
// give up width evenly, each down to its Min; then columns are hidden
// (width 0) in their Drop order until the table fits. The table may still
// be wider than width when nothing more can give way.
func FitColumns(cols []Column, width int) []int {
	widths := make([]int, len(cols))
	shrinkable := 0
	for i, c := range cols {
		widths[i] = c.Width
		if c.Min > 0 {
			shrinkable++
		}
	}
	if over := tableWidth(widths) - width; over > 0 && shrinkable > 0 {
		by := (over + shrinkable - 1) / shrinkable
		for i, c := range cols {
			if c.Min > 0 {
				widths[i] = max(c.Min, c.Width-by)
			}
		}
	}
	for order := 1; tableWidth(widths) > width; order++ {
		found := false
		for i, c := range cols {
			if c.Drop >= order {
				found = true
			}
			if c.Drop == order {
				widths[i] = 0
			}
		}
		if !found {
			break
		}
	}
	return widths
}

// WidenColumns gives the room a table of widths (from FitColumns) leaves
// within width to the columns whose cells are wider than their column
// (want, the widest cell of each), in column order, so nothing is cut
// while there is room. Hidden columns stay hidden.
func WidenColumns(widths, want []int, width int) []int {
	spare := width - tableWidth(widths)
	for i := range widths {
		if spare <= 0 {
			break
		}
		if i < len(want) && widths[i] > 0 && want[i] > widths[i] {
			by := min(spare, want[i]-widths[i])
			widths[i] += by
			spare -= by
		}
	}
	return widths
}

// tableWidth is how wide columns of these widths are, gaps included.
func tableWidth(widths []int) int {
	t, n := 0, 0
	for _, w := range widths {
		if w > 0 {
			t += w
			n++
		}
	}
	if n > 1 {
		t += (n - 1) * ColumnGap
	}
	return t
}

// Row lays cells out in columns of the given widths (from FitColumns),
// within width cells: each cell cut to its column with an ellipsis and
// padded, right-aligned ones on the left; the last column, when it is not
// right-aligned, takes whatever room is left; hidden columns (width 0) are
// skipped, and so are columns past the last cell. Trailing spaces are
// trimmed. Cells may be styled: widths are counted in cells.
func Row(cols []Column, widths []int, cells []string, width int) string {
	last := -1
	for i := range cols {
		if i < len(cells) && widths[i] > 0 {
			last = i
		}
	}
	var b strings.Builder
	used := 0
	for i, c := range cols {
		if i > last {
			break
		}
		w := widths[i]
		if w == 0 {
			continue
		}
		switch {
		case i == last && !c.Right:
			w = max(1, width-used)
		case used+w > width:
			w = max(1, width-used)
		}
		cell := cells[i]
		if CellWidth(cell) > w {
			cell = Truncate(cell, w)
		}
		if c.Right {
			cell = PadLeft(cell, w)
		} else if i < last {
			cell = PadRight(cell, w)
		}
		b.WriteString(cell)
		used += w
		if i < last {
			b.WriteString(strings.Repeat(" ", ColumnGap))
			used += ColumnGap
		}
		if used >= width {
			break
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// Titles are the columns' titles, for the header row.
func Titles(cols []Column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Title
	}
	return out
}
