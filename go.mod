module clienttracker

go 1.26

require (
	fyne.io/fyne/v2 v2.7.1 // indirect
	github.com/mattn/go-sqlite3 v1.14.53 // indirect
	golang.org/x/image v0.24.0 // indirect
	golang.org/x/text v0.22.0 // indirect
)
