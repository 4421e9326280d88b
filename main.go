// Command cocvm creates JD Cloud COC-VM instances from a terminal wizard.
package main

import (
	"os"

	"github.com/cocvm/cocvm/ui"
)

func main() {
	os.Exit(ui.Main())
}
