// Package assets holds the files the app carries inside its binary: the
// window icon, the fonts its theme draws text with, and the translations of
// its text. Everything is embedded at build time, so a running app never
// depends on what the user's system has installed.
//
// See README.md in this folder for where each file comes from and how to
// rebuild it.
package assets

import (
	"embed"

	"fyne.io/fyne/v2"
)

var (
	//go:embed icon.png
	iconPNG []byte

	//go:embed icon-128.png
	windowIconPNG []byte

	//go:embed fonts/ClientTrackerSans-Regular.ttf
	fontRegular []byte

	//go:embed fonts/ClientTrackerSans-Bold.ttf
	fontBold []byte
)

// Icon is the 512x512 application icon (drawn from icon.svg), for the
// pictures of it inside the window (welcome screen, About).
var Icon fyne.Resource = fyne.NewStaticResource("icon.png", iconPNG)

// WindowIcon is the same icon at 128x128, for the window and the tray.
// The system shows those at 16 to 48 px (Windows and macOS take the
// program's own icon for the taskbar and the Dock), and the 512 px one
// cost 2.5-3 MB of the window's memory: X11 gets it as 8 bytes a pixel,
// and the freed copy stays with the process.
var WindowIcon fyne.Resource = fyne.NewStaticResource("icon-128.png", windowIconPNG)

// FontRegular is Client Tracker Sans Regular: Noto Sans merged with Noto
// Sans Armenian and Noto Sans Georgian, so that Latin (including Romanian
// ș ț ă â î), Greek, Cyrillic, Armenian and Georgian names all render from
// this one file, whatever fonts the system has.
var FontRegular fyne.Resource = fyne.NewStaticResource("ClientTrackerSans-Regular.ttf", fontRegular)

// FontBold is the bold weight of FontRegular, covering the same characters.
var FontBold fyne.Resource = fyne.NewStaticResource("ClientTrackerSans-Bold.ttf", fontBold)

// Translations holds one go-i18n JSON file per language in the folder
// "translations" (en.json, ...), for fyne's lang.AddTranslationsFS. English
// needs a file only for plural forms: other keys are the English text itself.
//
//go:embed translations/*.json
var Translations embed.FS
