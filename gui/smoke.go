package gui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"clienttracker/assets"
)

// SmokeStep is one view rendered by Smoke, with the time it took.
type SmokeStep struct {
	View     string
	Duration time.Duration
}

// frameProbe is a one-pixel raster laid over the window's content. The
// painter calls its generator only when it paints a frame with it, so a call
// after a view changed proves the real window drew that view. (Reading the
// GL front buffer back is not reliable on every driver: under Xvfb with Mesa
// it comes back blank while the window shows fine.)
type frameProbe struct {
	raster *canvas.Raster
	frames atomic.Int64
}

func newFrameProbe() *frameProbe {
	p := &frameProbe{}
	pixel := image.NewNRGBA(image.Rect(0, 0, 1, 1))
	p.raster = canvas.NewRaster(func(w, h int) image.Image {
		p.frames.Add(1)
		return pixel
	})
	p.raster.Resize(fyne.NewSize(1, 1))
	return p
}

// wrap lays the probe over content without taking space from it.
func (p *frameProbe) wrap(content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewStack(content, container.NewWithoutLayout(p.raster))
}

// waitFrame asks for a repaint and waits until the window has painted.
func (p *frameProbe) waitFrame(ctx context.Context) error {
	before := p.frames.Load()
	fyne.DoAndWait(p.raster.Refresh)
	for p.frames.Load() == before {
		select {
		case <-ctx.Done():
			return errors.New("the window did not draw a frame")
		case <-time.After(2 * time.Millisecond):
		}
	}
	return nil
}

// FirstFrame waits until the window has painted its first frame and returns
// when. Call it off the UI goroutine.
func (u *UI) FirstFrame(ctx context.Context) (time.Time, error) {
	for u.probe.frames.Load() == 0 {
		select {
		case <-ctx.Done():
			return time.Time{}, errors.New("the window never drew a frame")
		case <-time.After(2 * time.Millisecond):
		}
	}
	return time.Now(), nil
}

// Smoke shows every view once in the real window and reports how long each
// took until the window had painted it, for the --smoke check. Call it off
// the UI goroutine, after the window is shown. It fails if a store call
// fails, a view lays out to nothing, or the window stops painting.
func (u *UI) Smoke(ctx context.Context) ([]SmokeStep, error) {
	var steps []SmokeStep
	step := func(name string, show func()) error {
		start := time.Now()
		fyne.DoAndWait(show)
		if err := u.waitIdle(ctx); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		var failed error
		fyne.DoAndWait(func() { failed = u.lastErr })
		if failed != nil {
			return fmt.Errorf("%s: %w", name, failed)
		}
		if err := u.probe.waitFrame(ctx); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		var empty bool
		fyne.DoAndWait(func() { empty = !shows(u.win.Content()) })
		if empty {
			return fmt.Errorf("%s: the view has nothing visible", name)
		}
		steps = append(steps, SmokeStep{name, time.Since(start)})
		return nil
	}
	n, err := u.storeSmoke().CountClients(ctx)
	if err != nil {
		return nil, err
	}
	views := []struct {
		name string
		show func()
		when bool
	}{
		{"welcome", func() { u.setContent(u.welcome.content) }, n == 0},
		{"check-ins", func() { u.setContent(u.tabs); u.tabs.Select(u.dueTab); u.due.reload() }, true},
		{"clients", func() { u.showClients(); u.clients.reload() }, true},
		{"ladder", func() { u.tabs.Select(u.ladderTab) }, true},
		{"client form", func() { u.clients.onNewClient() }, true},
		{"search", func() { u.clients.page.closeForm(); u.clients.search.SetText("a") }, n > 0},
		{"client page", func() { u.clients.search.SetText(""); u.clients.selectRow(0) }, n > 0},
	}
	for _, v := range views {
		if !v.when {
			continue
		}
		if err := step(v.name, v.show); err != nil {
			return steps, err
		}
	}
	if u.opts.Placer != nil {
		if err := u.checkPlacement(ctx); err != nil {
			return steps, fmt.Errorf("window position: %w", err)
		}
	}
	return steps, nil
}

// checkPlacement moves the window a little and reads the move back, which
// proves the position it keeps between runs can be read and set here. A
// window manager may take a moment to move it. The window goes back where
// it was, so a smoke run does not shift the place the next start restores.
func (u *UI) checkPlacement(ctx context.Context) error {
	var x, y int
	var ok bool
	fyne.DoAndWait(func() { x, y, ok = u.opts.Placer.Position(u.win) })
	if !ok {
		return errors.New("cannot read where the window is")
	}
	startX, startY := x, y
	defer fyne.DoAndWait(func() { u.opts.Placer.Move(u.win, startX, startY) })
	wantX, wantY := x+24, y+16
	fyne.DoAndWait(func() { ok = u.opts.Placer.Move(u.win, wantX, wantY) })
	if !ok {
		return fmt.Errorf("cannot move the window from %d,%d to %d,%d", x, y, wantX, wantY)
	}
	deadline := time.Now().Add(2 * time.Second)
	for {
		fyne.DoAndWait(func() { x, y, ok = u.opts.Placer.Position(u.win) })
		if ok && x == wantX && y == wantY {
			return nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return fmt.Errorf("moved the window to %d,%d but it is at %d,%d", wantX, wantY, x, y)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// shows reports whether o, or something inside it, is a visible widget,
// text or image with a size.
func shows(o fyne.CanvasObject) bool {
	if o == nil || !o.Visible() || o.Size().IsZero() {
		return false
	}
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			if c != nil && shows(c) {
				return true
			}
		}
		return false
	case *canvas.Text:
		return x.Text != ""
	case *canvas.Raster:
		return false // the probe itself
	}
	return true
}

// ShowStartupError opens a small window that says why the app cannot start
// (e.g. the database file is damaged) and runs until it is closed.
func ShowStartupError(a fyne.App, message string) {
	StartupErrorWindow(a, message).ShowAndRun()
}

// StartupErrorWindow is the window ShowStartupError shows, for a caller
// whose app is already running: show it, and Quit ends the app.
func StartupErrorWindow(a fyne.App, message string) fyne.Window {
	a.Settings().SetTheme(NewTheme())
	w := a.NewWindow(lang.L("Client Tracker"))
	w.SetIcon(assets.WindowIcon)
	title := boldLabel(lang.L("Client Tracker cannot open the database"))
	msg := widget.NewLabel(message)
	msg.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton(lang.L("Quit"), a.Quit)
	quit.Importance = widget.HighImportance
	w.SetContent(container.NewPadded(container.NewBorder(title, container.NewHBox(layout.NewSpacer(), quit), nil, nil, msg)))
	w.Resize(fyne.NewSize(560, 200))
	w.SetFixedSize(true)
	w.CenterOnScreen()
	w.SetCloseIntercept(a.Quit)
	return w
}

// smokeStore is what the smoke run reads.
type smokeStore interface {
	CountClients(ctx context.Context) (int, error)
}

// storeSmoke is the window's store as smokeStore: what this file may call.
func (u *UI) storeSmoke() smokeStore { return u.store }
