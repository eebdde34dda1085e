package gui

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/image/font/sfnt"

	"clienttracker/assets"
	"clienttracker/model"
)

// themeSamples are names (and currency signs) the app must draw; Fyne's
// bundled Noto Sans lacks the Armenian, Georgian and ֏ ones.
var themeSamples = []struct{ name, text string }{
	{"Armenian", "Հովհաննես Սարգսյան"},
	{"Georgian", "ნინო ბერიძე"},
	{"Romanian", "Ștefan Ionescu"},
	{"RomanianBreve", "Țurcanu Ăâî"},
	{"Cyrillic", "Ольга Петрова"},
	{"Currency", "₾ ֏ € ₽"},
}

var themeFontStyles = []struct {
	name  string
	style fyne.TextStyle
	font  fyne.Resource
}{
	{"Regular", fyne.TextStyle{}, assets.FontRegular},
	{"Bold", fyne.TextStyle{Bold: true}, assets.FontBold},
}

// themeMissingRune is a private-use character no font of ours maps; Fyne draws
// any rune its fonts lack the same way it draws this one.
const themeMissingRune = '\uE000'

// TestThemeFontCoverage checks the embedded font files alone, with no Fyne
// and no system fonts, map every character of the sample names to a glyph.
// Fyne asks the theme's font first and falls back to other fonts only for
// runes it lacks, so this is what keeps system fonts out of the picture.
func TestThemeFontCoverage(t *testing.T) {
	for _, fs := range themeFontStyles {
		t.Run(fs.name, func(t *testing.T) {
			f, err := sfnt.Parse(fs.font.Content())
			if err != nil {
				t.Fatalf("parse %s: %v", fs.font.Name(), err)
			}
			var buf sfnt.Buffer
			for _, s := range themeSamples {
				for _, r := range s.text {
					gi, err := f.GlyphIndex(&buf, r)
					if err != nil || gi == 0 {
						t.Errorf("%s: no glyph for %q U+%04X in %q (err %v)", fs.font.Name(), r, r, s.text, err)
					}
				}
			}
		})
	}
}

func TestThemeFonts(t *testing.T) {
	th := NewTheme()
	def := theme.DefaultTheme()
	for _, tc := range []struct {
		name  string
		style fyne.TextStyle
		want  fyne.Resource
	}{
		{"Regular", fyne.TextStyle{}, fontRegular},
		{"Bold", fyne.TextStyle{Bold: true}, fontBold},
		{"Italic", fyne.TextStyle{Italic: true}, fontRegular},
		{"BoldItalic", fyne.TextStyle{Bold: true, Italic: true}, fontBold},
		{"Monospace", fyne.TextStyle{Monospace: true}, def.Font(fyne.TextStyle{Monospace: true})},
		{"Symbol", fyne.TextStyle{Symbol: true}, def.Font(fyne.TextStyle{Symbol: true})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := th.Font(tc.style); got != tc.want {
				t.Errorf("Font(%+v) = %s, want %s", tc.style, got.Name(), tc.want.Name())
			}
		})
	}
}

// TestThemeColorsLegible checks every colour text is drawn in keeps WCAG
// AA contrast (4.5:1) on every background it is drawn on, in both
// variants: the badges (labels of Danger, Warning, Success and High
// importance: "at risk", "due in 3 days", a discount, a pinned rung) and
// plain text on the page, a dialog, a menu, a hovered row and a selected
// row; the labels of primary, danger, warning and success buttons, also
// when focused; and the ladder's rung names and figures, on the page and
// on the chosen rung's highlight. It also checks the page itself is the
// default theme's, and that the funnel's bars stand out from the page
// (3:1, for shapes).
func TestThemeColorsLegible(t *testing.T) {
	test.NewTempApp(t)
	th := NewTheme()
	for name, v := range test.KnownThemeVariants() {
		t.Run(name, func(t *testing.T) {
			c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, v) }
			bg := c(theme.ColorNameBackground)
			if want := theme.DefaultTheme().Color(theme.ColorNameBackground, v); !themeSameColor(bg, want) {
				t.Errorf("background = %v, want the default theme's %v", bg, want)
			}
			backgrounds := map[string]color.Color{
				"page":         bg,
				"dialog":       themeOver(c(theme.ColorNameOverlayBackground), bg),
				"menu":         themeOver(c(theme.ColorNameMenuBackground), bg),
				"hovered row":  themeOver(c(theme.ColorNameHover), bg),
				"selected row": themeOver(c(theme.ColorNameSelection), bg),
				"header":       themeOver(c(theme.ColorNameHeaderBackground), bg),
			}
			texts := map[string]fyne.ThemeColorName{
				"text":                   theme.ColorNameForeground,
				"hyperlink":              theme.ColorNameHyperlink,
				"High badge (pinned)":    theme.ColorNamePrimary,
				"Danger badge (at risk)": theme.ColorNameError,
				"Warning badge (due)":    theme.ColorNameWarning,
				"Success badge":          theme.ColorNameSuccess,
			}
			for tn, tc := range texts {
				for bn, b := range backgrounds {
					if r := themeContrast(c(tc), b); r < 4.5 {
						t.Errorf("%s on %s: %.2f:1, want at least 4.5:1", tn, bn, r)
					}
				}
			}
			button := c(theme.ColorNameButton)
			focused := themeOver(c(theme.ColorNameFocus), button)
			for _, tc := range []struct {
				what   string
				fg, bg color.Color
			}{
				{"label on primary button", c(theme.ColorNameForegroundOnPrimary), c(theme.ColorNamePrimary)},
				{"label on danger button", c(theme.ColorNameForegroundOnError), c(theme.ColorNameError)},
				{"label on warning button", c(theme.ColorNameForegroundOnWarning), c(theme.ColorNameWarning)},
				{"label on success button", c(theme.ColorNameForegroundOnSuccess), c(theme.ColorNameSuccess)},
				{"label on button", c(theme.ColorNameForeground), button},
				{"label on focused button", c(theme.ColorNameForeground), focused},
				{"rung name on chosen rung", c(theme.ColorNameForeground), themeOver(c(theme.ColorNameHover), bg)},
			} {
				if r := themeContrast(tc.fg, tc.bg); r < 4.5 {
					t.Errorf("%s: %.2f:1, want at least 4.5:1", tc.what, r)
				}
			}
			for _, n := range []fyne.ThemeColorName{theme.ColorNamePrimary, theme.ColorNameError} {
				if r := themeContrast(c(n), bg); r < 3 {
					t.Errorf("funnel bar in %s on the page: %.2f:1, want at least 3:1", n, r)
				}
			}
		})
	}
}

// TestThemeForcedVariant checks the owner's choice of theme decides the
// colours whatever variant the system asks for, and System follows it.
func TestThemeForcedVariant(t *testing.T) {
	test.NewTempApp(t)
	def := theme.DefaultTheme()
	for _, tc := range []struct {
		choice string
		want   map[fyne.ThemeVariant]fyne.ThemeVariant // asked for → given
	}{
		{"", map[fyne.ThemeVariant]fyne.ThemeVariant{theme.VariantLight: theme.VariantLight, theme.VariantDark: theme.VariantDark}},
		{model.ThemeSystem, map[fyne.ThemeVariant]fyne.ThemeVariant{theme.VariantLight: theme.VariantLight, theme.VariantDark: theme.VariantDark}},
		{model.ThemeLight, map[fyne.ThemeVariant]fyne.ThemeVariant{theme.VariantLight: theme.VariantLight, theme.VariantDark: theme.VariantLight}},
		{model.ThemeDark, map[fyne.ThemeVariant]fyne.ThemeVariant{theme.VariantLight: theme.VariantDark, theme.VariantDark: theme.VariantDark}},
	} {
		t.Run("Choice"+tc.choice, func(t *testing.T) {
			th := themeFor(tc.choice)
			for asked, given := range tc.want {
				for _, n := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameForeground, theme.ColorNameButton} {
					if got, want := th.Color(n, asked), def.Color(n, given); !themeSameColor(got, want) {
						t.Errorf("%s asked in variant %d = %v, want variant %d's %v", n, asked, got, given, want)
					}
				}
				if got, want := th.Color(theme.ColorNamePrimary, asked), NewTheme().Color(theme.ColorNamePrimary, given); !themeSameColor(got, want) {
					t.Errorf("primary asked in variant %d = %v, want variant %d's %v", asked, got, given, want)
				}
			}
		})
	}
}

// TestThemeRendersNames draws each sample in a label through Fyne's software
// painter and checks that real glyphs came out: a rune no font has is drawn
// as the same replacement mark as themeMissingRune, so a name whose letters were
// missing would look exactly like a string of themeMissingRune.
func TestThemeRendersNames(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())

	blank := themeInkOf(themeCapture(t, themeLabel(string(themeMissingRune), fyne.TextStyle{}), 1))
	if blank.count() == 0 {
		t.Fatalf("U+%04X drew nothing; the comparison below would prove nothing", themeMissingRune)
	}

	for _, fs := range themeFontStyles {
		t.Run(fs.name, func(t *testing.T) {
			missing := themeInkOf(themeCapture(t, themeLabel(string(themeMissingRune), fs.style), 1))
			for _, s := range themeSamples {
				t.Run(s.name, func(t *testing.T) {
					got := themeInkOf(themeCapture(t, themeLabel(s.text, fs.style), 1))
					if got.count() == 0 {
						t.Fatalf("%q drew no ink", s.text)
					}
					placeholder := strings.Map(func(r rune) rune {
						if unicode.IsSpace(r) {
							return r
						}
						return themeMissingRune
					}, s.text)
					if got.equal(themeInkOf(themeCapture(t, themeLabel(placeholder, fs.style), 1))) {
						t.Errorf("%q drew the same as %d missing glyphs", s.text, len([]rune(placeholder)))
					}
					// Letter by letter, so one missing letter among many
					// real ones cannot hide.
					seen := map[rune]bool{}
					for _, r := range s.text {
						if unicode.IsSpace(r) || seen[r] {
							continue
						}
						seen[r] = true
						if themeInkOf(themeCapture(t, themeLabel(string(r), fs.style), 1)).equal(missing) {
							t.Errorf("%q U+%04X drew as a missing glyph", r, r)
						}
					}
				})
			}
		})
	}
}

// TestThemeLabelUsesEmbeddedFont checks a label under the theme draws
// pixel for pixel what canvas.Text draws from the embedded font file itself,
// so the label's glyphs are the embedded font's.
func TestThemeLabelUsesEmbeddedFont(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())
	for _, fs := range themeFontStyles {
		t.Run(fs.name, func(t *testing.T) {
			for _, s := range themeSamples {
				label := themeInkOf(themeCapture(t, themeLabel(s.text, fs.style), 1))
				text := canvas.NewText(s.text, theme.Color(theme.ColorNameForeground))
				text.TextStyle = fs.style
				text.FontSource = fs.font
				direct := themeInkOf(themeCapture(t, text, 1))
				if !label.equal(direct) {
					t.Errorf("%s: label drew %v, %s alone drew %v", s.name, label.rect, fs.font.Name(), direct.rect)
				}
			}
		})
	}
}

// TestThemeFontsCheckImage renders every sample, regular and bold, into one
// picture for a person to look at. It goes to docs/fonts-check.png when
// UPDATE_DOCS=1, otherwise to a temporary directory.
func TestThemeFontsCheckImage(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(NewTheme())

	var rows []fyne.CanvasObject
	for _, s := range themeSamples {
		rows = append(rows, container.NewGridWithColumns(2,
			themeLabel(s.text, fyne.TextStyle{}),
			themeLabel(s.text, fyne.TextStyle{Bold: true})))
	}
	img := themeCapture(t, container.NewVBox(rows...), 2)
	if themeInkOf(img).count() == 0 {
		t.Fatal("the sample sheet drew no ink")
	}

	dir := t.TempDir()
	if os.Getenv("UPDATE_DOCS") == "1" {
		dir = filepath.Join("..", "docs")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatalf("create docs folder: %v", err)
		}
	}
	path := filepath.Join(dir, "fonts-check.png")
	f, err := os.Create(path)
	if err != nil {
		t.Fatalf("create %s: %v", path, err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		t.Fatalf("encode %s: %v", path, err)
	}
	if err := f.Close(); err != nil {
		t.Fatalf("write %s: %v", path, err)
	}
	t.Logf("wrote %s", path)
}

func themeLabel(text string, style fyne.TextStyle) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle = style
	return l
}

// themeCapture shows obj alone in a test window drawn at the given scale and
// returns what the software painter drew.
func themeCapture(t *testing.T, obj fyne.CanvasObject, scale float32) image.Image {
	t.Helper()
	w := test.NewTempWindow(t, obj)
	if scale != 1 {
		c, ok := w.Canvas().(test.WindowlessCanvas)
		if !ok {
			t.Fatalf("test canvas %T cannot change scale", w.Canvas())
		}
		c.SetScale(scale)
	}
	return w.Canvas().Capture()
}

// themeInk is how far each pixel of a capture is from its background colour,
// cropped to the pixels that differ, so two drawings compare equal wherever
// the widget placed them.
type themeInk struct {
	rect image.Rectangle // the inked area in the capture, for messages
	w, h int
	pix  []uint8
}

// themeInkOf takes the top-left pixel, which window padding keeps clear, as the
// background.
func themeInkOf(img image.Image) themeInk {
	b := img.Bounds()
	bg := color.NRGBAModel.Convert(img.At(b.Min.X, b.Min.Y)).(color.NRGBA)
	diff := func(a, b uint8) uint8 { return max(a, b) - min(a, b) }
	dist := func(x, y int) uint8 {
		c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
		return max(diff(c.R, bg.R), diff(c.G, bg.G), diff(c.B, bg.B), diff(c.A, bg.A))
	}
	box := image.Rectangle{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if dist(x, y) != 0 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	in := themeInk{rect: box, w: box.Dx(), h: box.Dy()}
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			in.pix = append(in.pix, dist(x, y))
		}
	}
	return in
}

func (in themeInk) count() int {
	n := 0
	for _, p := range in.pix {
		if p != 0 {
			n++
		}
	}
	return n
}

func (in themeInk) equal(o themeInk) bool {
	return in.w == o.w && in.h == o.h && string(in.pix) == string(o.pix)
}

func themeSameColor(a, b color.Color) bool {
	ar, ag, ab, aa := a.RGBA()
	br, bg, bb, ba := b.RGBA()
	return ar == br && ag == bg && ab == bb && aa == ba
}

// themeOver is the opaque colour of fg drawn over the opaque bg.
func themeOver(fg, bg color.Color) color.Color {
	f := color.NRGBAModel.Convert(fg).(color.NRGBA)
	b := color.NRGBAModel.Convert(bg).(color.NRGBA)
	mix := func(x, y uint8) uint8 { return uint8((int(x)*int(f.A) + int(y)*(255-int(f.A)) + 127) / 255) }
	return color.NRGBA{R: mix(f.R, b.R), G: mix(f.G, b.G), B: mix(f.B, b.B), A: 0xff}
}

// themeContrast is the WCAG 2 contrast ratio of two opaque colours.
func themeContrast(a, b color.Color) float64 {
	la, lb := themeLuminance(a), themeLuminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func themeLuminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
}

// The app is built with the tag no_emoji (see the Makefile): Fyne then
// has no emoji font of its own to parse for every text style, about
// 10 MB of the window's memory, and emoji come from the system's font.
// A build or test run without the tag fails here rather than quietly
// carrying the font again.
func TestBuiltWithoutFyneEmojiFont(t *testing.T) {
	if f := theme.DefaultEmojiFont(); f != nil {
		t.Errorf("Fyne's emoji font %s is built in: build with -tags sqlite_fts5,no_emoji, as the Makefile does", f.Name())
	}
}

// The theme's regular and bold fonts are the resources Fyne falls back to
// for those styles, holding the app's fonts' bytes: Fyne then parses one
// font for each style instead of the app's and its Noto Sans behind it.
func TestThemeFontIsFyneFallback(t *testing.T) {
	th := NewTheme()
	for _, tc := range []struct {
		name           string
		style          fyne.TextStyle
		fallback, font fyne.Resource
	}{
		{"Regular", fyne.TextStyle{}, theme.DefaultTextFont(), assets.FontRegular},
		{"Bold", fyne.TextStyle{Bold: true}, theme.DefaultTextBoldFont(), assets.FontBold},
	} {
		got := th.Font(tc.style)
		if got != tc.fallback {
			t.Errorf("%s: the theme serves %s, not the resource Fyne falls back to (%s): Fyne parses both", tc.name, got.Name(), tc.fallback.Name())
		}
		if !bytes.Equal(got.Content(), tc.font.Content()) {
			t.Errorf("%s: the theme's font holds %d bytes, not those of %s (%d)", tc.name, len(got.Content()), tc.font.Name(), len(tc.font.Content()))
		}
	}
}
