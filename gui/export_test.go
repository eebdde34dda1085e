package gui

import "time"

// SetTestBooks gives the view tests of this package the program's books
// (see testBooks); books_test.go calls it.
func SetTestBooks(books func(locale string, clock func() time.Time) Books) { testBooks = books }
