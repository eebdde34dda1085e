//go:build windows

package main

import (
	"os"
	"syscall"
)

// attachConsole gives the commands a console to print to. The Windows
// build is a GUI program (-H=windowsgui, so double-clicking it opens no
// console window), and Windows starts a GUI program with no standard
// output: run from cmd or PowerShell, `clienttracker due` would print
// nothing. When standard output or error goes nowhere, this attaches the
// console of the program that started it, if any, and writes there;
// output sent to a file or a pipe stays where it was sent.
func attachConsole() {
	out, errOut := usable(os.Stdout), usable(os.Stderr)
	if out && errOut {
		return
	}
	const attachParentProcess = ^uintptr(0) // (DWORD)-1
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	if ok, _, _ := attach.Call(attachParentProcess); ok == 0 {
		return // started from Explorer: there is no console to print to
	}
	con, err := os.OpenFile("CONOUT$", os.O_RDWR, 0)
	if err != nil {
		return
	}
	if !out {
		os.Stdout = con
	}
	if !errOut {
		os.Stderr = con
	}
}

// usable reports whether f is an open file, pipe or console.
func usable(f *os.File) bool {
	h := syscall.Handle(f.Fd())
	if h == 0 || h == syscall.InvalidHandle {
		return false
	}
	t, err := syscall.GetFileType(h)
	return err == nil && t != 0 // FILE_TYPE_UNKNOWN
}
