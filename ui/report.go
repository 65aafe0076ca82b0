package ui

import (
	"bytes"
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/tshark-tui/tshark-tui/field"
	"github.com/tshark-tui/tshark-tui/stats"
)

// Statistics › Run a report (Z): any -z report of the command line (sip,stat, io,stat,1,
// rtp,streams, follow,tcp,hex,0, expert, conv,tcp, ...) run over the capture by the engine and shown
// as the text tshark prints, so that whatever the command line reports, the UI reaches too. The
// text is packet data: it is escaped before it reaches the terminal.

// reportDialog asks for the -z argument, offering the registered reports.
func (u *UI) reportDialog() {
	names := stats.ReportNames()
	u.prompt("Run a -z report", "Report (as after -z, e.g. "+strings.Join(names[:min(3, len(names))], ", ")+"): ", u.lastReport, func(arg string) {
		arg = strings.TrimSpace(arg)
		if arg == "" {
			return
		}
		u.lastReport = arg
		u.runReport(arg)
	})
}

// runReport runs one -z report in an engine job and shows its text in a window.
func (u *UI) runReport(arg string) {
	rep, err := stats.NewReport(arg)
	if err != nil {
		u.flash(firstLine(err.Error()) + " (" + strings.Join(stats.ReportNames(), ", ") + ")")
		return
	}
	text := tview.NewTextView().SetDynamicColors(false).SetWrap(false)
	text.SetText("Running -z " + arg + "…")
	flex := tview.NewFlex().SetDirection(tview.FlexRow).
		AddItem(text, 0, 1, true).
		AddItem(windowHint("↑/↓ PgUp/PgDn scroll · Esc close"), 1, 0, false)
	text.SetInputCapture(func(ev *tcell.EventKey) *tcell.EventKey {
		if ev.Key() == tcell.KeyEscape || (ev.Key() == tcell.KeyRune && ev.Rune() == 'q') {
			u.closeWindow()
			return nil
		}
		return ev
	})
	u.dock("-z "+safeText(arg), flex)
	u.compute(false, []tap{rep}, func(p float64) { text.SetText(progressText(p)) }, func() {
		var b bytes.Buffer
		if err := rep.Finish(&b); err != nil {
			text.SetText(err.Error())
			return
		}
		text.SetText(safeText(b.String()))
		text.ScrollToBeginning()
	})
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// safeText escapes a report's text line by line (control characters and invalid UTF-8 as tshark
// escapes them), keeping its lines and tabs.
func safeText(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		parts := strings.Split(l, "\t")
		for j, p := range parts {
			parts[j] = string(field.AppendEscaped(nil, []byte(p)))
		}
		lines[i] = strings.Join(parts, "\t")
	}
	return strings.Join(lines, "\n")
}
