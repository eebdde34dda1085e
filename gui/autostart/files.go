package autostart

import (
	"bytes"
	"strings"
)

// xmlText escapes the characters XML text may not hold as they are.
var xmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// xdgAutostart is the freedesktop.org autostart entry that GNOME, KDE,
// Xfce and the others run at login: DIR/autostart/ID.desktop, DIR being
// $XDG_CONFIG_HOME or ~/.config.
func xdgAutostart(configDir string) fileMethod {
	return fileMethod{
		dir:     configDir + "/autostart",
		name:    func(a App) string { return a.ID + ".desktop" },
		content: desktopEntry,
	}
}

func desktopEntry(a App) []byte {
	var b strings.Builder
	b.WriteString("[Desktop Entry]\nType=Application\n")
	b.WriteString("Name=" + a.Name + "\n")
	b.WriteString("Exec=" + desktopExec(append([]string{a.Exe}, a.Args...)) + "\n")
	b.WriteString("Terminal=false\nX-GNOME-Autostart-enabled=true\n")
	return []byte(b.String())
}

// desktopExec quotes a command line as the Desktop Entry Specification
// asks: an argument with a space or a reserved character in double quotes,
// with ", `, $ and \ escaped by a backslash; % doubled in any case.
func desktopExec(args []string) string {
	quoted := make([]string, len(args))
	for i, s := range args {
		s = strings.ReplaceAll(s, "%", "%%")
		if strings.ContainsAny(s, " \t\n\"'\\><~|&;$*?#()`") {
			r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "`", "\\`", `$`, `\$`)
			s = `"` + r.Replace(s) + `"`
		}
		quoted[i] = s
	}
	return strings.Join(quoted, " ")
}

// launchAgent is the per-user LaunchAgent that macOS's launchd loads at
// login: ~/Library/LaunchAgents/ID.plist, run once (RunAtLoad).
func launchAgent(home string) fileMethod {
	return fileMethod{
		dir:     home + "/Library/LaunchAgents",
		name:    func(a App) string { return a.ID + ".plist" },
		content: launchAgentPlist,
	}
}

func launchAgentPlist(a App) []byte {
	var b bytes.Buffer
	esc := xmlText.Replace
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>Label</key>
	<string>` + esc(a.ID) + `</string>
	<key>ProgramArguments</key>
	<array>
`)
	for _, s := range append([]string{a.Exe}, a.Args...) {
		b.WriteString("\t\t<string>" + esc(s) + "</string>\n")
	}
	b.WriteString(`	</array>
	<key>RunAtLoad</key>
	<true/>
	<key>ProcessType</key>
	<string>Interactive</string>
</dict>
</plist>
`)
	return b.Bytes()
}
