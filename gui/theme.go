package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"clienttracker/assets"
)

// The icon's orange, in two tones: the primary colour is also the hyperlink
// colour and the background of a primary button's text, so it needs 4.5:1
// contrast against both the page and its own label, which one orange cannot
// give on both white and near-black.
var (
	// themePrimaryLight is 5.2:1 on white and 4.8:1 on the light menu grey.
	themePrimaryLight = color.NRGBA{R: 0xc2, G: 0x41, B: 0x0c, A: 0xff}
	// themePrimaryDark is 7.3:1 on the dark background.
	themePrimaryDark = color.NRGBA{R: 0xf5, G: 0x8a, B: 0x3c, A: 0xff}
	// themeOnPrimaryDark labels primary buttons in the dark variant: white
	// on themePrimaryDark would be only 2.5:1.
	themeOnPrimaryDark = color.NRGBA{R: 0x17, G: 0x17, B: 0x18, A: 0xff}
)

// appTheme is Fyne's default theme with the app's own fonts, which cover the
// Armenian and Georgian names Fyne's bundled Noto Sans cannot draw, and the
// icon's orange as the primary colour. Everything else, including the
// light/dark switch, is left to the default theme.
type appTheme struct{}

// NewTheme returns the app's theme, for app.Settings().SetTheme.
func NewTheme() fyne.Theme {
	return appTheme{}
}

func (appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	primary, onPrimary := themePrimaryLight, color.Color(color.White)
	if v == theme.VariantDark {
		primary, onPrimary = themePrimaryDark, themeOnPrimaryDark
	}
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		return primary
	case theme.ColorNameForegroundOnPrimary:
		return onPrimary
	case theme.ColorNameFocus:
		return themeWithAlpha(primary, 0x7f)
	case theme.ColorNameSelection:
		return themeWithAlpha(primary, 0x3f)
	}
	// DefaultTheme is looked up on every call rather than kept, because Fyne
	// may swap in a system-provided theme after start-up.
	return theme.DefaultTheme().Color(n, v)
}

// Font serves the embedded fonts for proportional text. There is no italic
// cut, so italic text uses the upright font (Fyne's bundled italic lacks
// Armenian and Georgian); monospace and symbol text keep Fyne's own fonts.
func (appTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return theme.DefaultTheme().Font(s)
	}
	if s.Bold {
		return assets.FontBold
	}
	return assets.FontRegular
}

func (appTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return theme.DefaultTheme().Icon(n)
}

func (appTheme) Size(n fyne.ThemeSizeName) float32 {
	return theme.DefaultTheme().Size(n)
}

func themeWithAlpha(c color.NRGBA, a uint8) color.NRGBA {
	c.A = a
	return c
}
