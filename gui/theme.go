package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"clienttracker/assets"
	"clienttracker/model"
)

// themePalette is the colours the app sets itself in one variant; the rest
// come from Fyne's default theme. Every colour that text is drawn in, or
// drawn on, keeps WCAG AA contrast (4.5:1) on the backgrounds it meets:
// the page, a dialog, a hovered row and a selected row
// (TestThemeColorsLegible checks every pair).
type themePalette struct {
	// primary is the icon's orange. It is also the hyperlink colour and the
	// background of a primary button's label, so it needs 4.5:1 against
	// both the page and its own label, which one orange cannot give on
	// both white and near-black.
	primary, onPrimary color.Color
	// The status colours are the text of badges (a Danger label says
	// "at risk", a Warning one when a check-in is due) and the backgrounds
	// of Danger and Warning buttons. Fyne's own red, orange and green are
	// 2.2 to 3.7:1 on white, so the light variant has darker tones; the
	// dark variant's red is lighter than Fyne's, which is 3.1:1 on a
	// selected row.
	errorColor, warning, success color.Color
	onStatus                     color.Color // the label of a status-coloured button
	// focusAlpha and selectionAlpha tint the primary colour for a focused
	// button and a selected row; light enough that the text on them keeps
	// its contrast.
	focusAlpha, selectionAlpha uint8
}

var (
	themeLight = themePalette{
		primary:        color.NRGBA{R: 0xc2, G: 0x41, B: 0x0c, A: 0xff}, // 5.2:1 on white
		onPrimary:      color.White,
		errorColor:     color.NRGBA{R: 0xb3, G: 0x26, B: 0x1e, A: 0xff}, // 6.5:1 on white
		warning:        color.NRGBA{R: 0x8f, G: 0x4f, B: 0x00, A: 0xff}, // 6.4:1
		success:        color.NRGBA{R: 0x1e, G: 0x6b, B: 0x24, A: 0xff}, // 6.6:1
		onStatus:       color.White,
		focusAlpha:     0x40,
		selectionAlpha: 0x18,
	}
	themeDark = themePalette{
		primary:        color.NRGBA{R: 0xf5, G: 0x8a, B: 0x3c, A: 0xff}, // 7.3:1 on the dark page
		onPrimary:      color.NRGBA{R: 0x17, G: 0x17, B: 0x18, A: 0xff}, // white would be 2.5:1
		errorColor:     color.NRGBA{R: 0xff, G: 0x8a, B: 0x80, A: 0xff}, // 7.9:1
		warning:        color.NRGBA{R: 0xff, G: 0x98, B: 0x00, A: 0xff}, // Fyne's, 8.3:1
		success:        color.NRGBA{R: 0x43, G: 0xf4, B: 0x36, A: 0xff}, // Fyne's, 12:1
		onStatus:       color.NRGBA{R: 0x17, G: 0x17, B: 0x18, A: 0xff},
		focusAlpha:     0x7f,
		selectionAlpha: 0x3f,
	}
)

// appTheme is Fyne's default theme with the app's own fonts, which cover the
// Armenian and Georgian names Fyne's bundled Noto Sans cannot draw, the
// icon's orange as the primary colour and legible status colours. It
// follows the system's light or dark variant, or forces one when the owner
// chose it.
type appTheme struct {
	forced  bool // variant is used whatever variant Fyne asks for
	variant fyne.ThemeVariant
}

// NewTheme returns the app's theme following the system's variant, for
// app.Settings().SetTheme.
func NewTheme() fyne.Theme {
	return appTheme{}
}

// themeFor returns the app's theme for the owner's choice, one of
// model.ThemeLight, model.ThemeDark or model.ThemeSystem ("" too).
func themeFor(choice string) fyne.Theme {
	switch choice {
	case model.ThemeLight:
		return appTheme{forced: true, variant: theme.VariantLight}
	case model.ThemeDark:
		return appTheme{forced: true, variant: theme.VariantDark}
	}
	return appTheme{}
}

// applyTheme puts the owner's choice of light, dark or the system's
// variant into effect at once.
func (u *UI) applyTheme() {
	u.app.Settings().SetTheme(themeFor(u.settings.Theme))
}

// Color returns the colour n in variant v, or in the forced variant: Fyne
// passes the system's variant to every lookup, so forcing one is answering
// every lookup, the default theme's included, as if it were asked for.
func (t appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.forced {
		v = t.variant
	}
	p := themeLight
	if v == theme.VariantDark {
		p = themeDark
	}
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		return p.primary
	case theme.ColorNameForegroundOnPrimary:
		return p.onPrimary
	case theme.ColorNameFocus:
		return themeWithAlpha(p.primary, p.focusAlpha)
	case theme.ColorNameSelection:
		return themeWithAlpha(p.primary, p.selectionAlpha)
	case theme.ColorNameError:
		return p.errorColor
	case theme.ColorNameWarning:
		return p.warning
	case theme.ColorNameSuccess:
		return p.success
	case theme.ColorNameForegroundOnError, theme.ColorNameForegroundOnWarning, theme.ColorNameForegroundOnSuccess:
		return p.onStatus
	}
	// DefaultTheme is looked up on every call rather than kept, because Fyne
	// may swap in a system-provided theme after start-up.
	return theme.DefaultTheme().Color(n, v)
}

// Font serves the embedded fonts for proportional text. There is no italic
// cut, so italic text uses the upright font (Fyne's bundled italic lacks
// Armenian and Georgian); monospace and symbol text keep Fyne's own fonts.
// The views set no italic text: it would look the same as upright, and
// Fyne loads a set of faces of its own for each style it meets (its emoji
// font among them): 9 MB more of the idle window's heap.
func (appTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return theme.DefaultTheme().Font(s)
	}
	if s.Bold {
		return fontBold
	}
	return fontRegular
}

// fontRegular and fontBold are the app's fonts (assets.FontRegular,
// assets.FontBold) in Fyne's own regular and bold font resources. Fyne
// draws a style with the theme's font and, behind it for any character
// that font lacks, its bundled Noto Sans of that style, and it parses both
// for every style it meets. The app's fonts are Noto Sans with Armenian and
// Georgian merged in, so Noto Sans behind them adds no character, only
// its parsed tables: 3.5 MB of the idle window's memory. Fyne parses one
// font when the theme's font is the very resource it falls back to, so
// the app's bytes go into those resources and the theme serves them.
// Every use of Fyne's regular or bold font then draws the app's, which
// covers every character Noto Sans does. Should a Fyne version stop
// keeping them as *fyne.StaticResource, the theme serves the app's
// resources as before (TestThemeFontIsFyneFallback fails then).
var (
	fontRegular = asFyneFont(theme.DefaultTextFont(), assets.FontRegular)
	fontBold    = asFyneFont(theme.DefaultTextBoldFont(), assets.FontBold)
)

// asFyneFont puts the bytes of font into Fyne's font resource fyneFont
// and returns it, or returns font if fyneFont is not a static resource.
func asFyneFont(fyneFont, font fyne.Resource) fyne.Resource {
	r, ok := fyneFont.(*fyne.StaticResource)
	if !ok {
		return font
	}
	r.StaticContent = font.Content()
	return r
}

func (appTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return theme.DefaultTheme().Icon(n)
}

func (appTheme) Size(n fyne.ThemeSizeName) float32 {
	return theme.DefaultTheme().Size(n)
}

func themeWithAlpha(c color.Color, a uint8) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}
