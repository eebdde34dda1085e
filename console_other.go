//go:build !windows

package main

// attachConsole is needed only on Windows, where the app is a GUI program
// with no standard output of its own (see console_windows.go).
func attachConsole() {}
