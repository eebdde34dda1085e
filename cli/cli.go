// Package cli is Client Tracker's command line: the sub-commands that work
// on a book without a window and print plain text, and the flags of the
// window itself.
//
//	clienttracker [--db FILE] [--smoke]
//	clienttracker demo --db FILE --clients N [--seed S]
//	clienttracker clients --db FILE [--search TEXT] [--csv]
//	clienttracker due --db FILE [--date YYYY-MM-DD] [--csv] [--all]
//	clienttracker owed --db FILE [--csv]
//	clienttracker log --db FILE --client ID --channel call [--summary TEXT]
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"clienttracker/db"
)

// Program names the program the command line runs.
type Program struct {
	// Version is the app's version, shown by --version and in the About box.
	Version string
	// ID identifies the app to the OS (preferences, notifications).
	ID string
}

// Exit codes: 2 for anything the person running the command can fix (bad
// flags, a missing or unreadable file), 1 for everything else.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// usageError is a mistake in how the command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// Run runs the command line args of program p, writing to stdout and
// stderr, and returns the process's exit code.
func Run(args []string, stdout, stderr io.Writer, p Program) int {
	var err error
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, rest := args[0], args[1:]
		switch cmd {
		case "demo":
			err = runDemo(rest, stdout)
		case "clients":
			err = runClients(rest, stdout)
		case "due":
			err = runDue(rest, stdout)
		case "owed":
			err = runOwed(rest, stdout)
		case "log":
			err = runLog(rest, stdout)
		case "export":
			err = runExport(rest, stdout)
		case "backup":
			err = runBackup(rest, stdout)
		case "check":
			err = runCheck(rest, stdout)
		case "import":
			err = runImport(rest, stdout)
		case "ladder":
			err = runLadder(rest, stdout)
		case "restore":
			err = runRestore(rest, stdout)
		case "insights":
			err = runInsights(rest, stdout)
		case "quit":
			err = runQuit(rest, stdout)
		case "help":
			printUsage(stdout)
			return exitOK
		default:
			err = usageError{fmt.Sprintf("unknown command %q; run 'clienttracker --help' for the list", cmd)}
		}
	} else {
		err = runWindow(args, stdout, p)
	}
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		return exitOK
	case db.IsBusy(err):
		fmt.Fprintln(stderr, "clienttracker: another import or Client Tracker window is writing to the book, and it did not finish within 5 seconds; nothing was changed. Try again when it has finished.")
		return exitFail
	case isUsage(err):
		fmt.Fprintln(stderr, "clienttracker:", err)
		return exitUsage
	default:
		fmt.Fprintln(stderr, "clienttracker:", err)
		return exitFail
	}
}

func isUsage(err error) bool {
	var u usageError
	return errors.As(err, &u) || errors.Is(err, db.ErrNotDatabase) || errors.Is(err, db.ErrReadOnly) || errors.Is(err, db.ErrDamaged) ||
		errors.Is(err, db.ErrTooNew) || errors.Is(err, db.ErrNeedsUpgrade) || errors.Is(err, os.ErrNotExist)
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, `Client Tracker keeps your client book: whom to contact, what they like, what they bought.

Usage:
  clienttracker [--db FILE]                 open the window (default database: `+db.DefaultPath()+`)
  clienttracker --db FILE --smoke           open the window, render every view once, print timings, exit
  clienttracker demo --db FILE --clients N [--seed S]
                                            create FILE with N sample clients and their histories
  clienttracker clients --db FILE [--search TEXT] [--csv]
                                            list clients, one a line
  clienttracker due --db FILE [--date YYYY-MM-DD] [--csv] [--all]
                                            the day's list: whom to contact and why (--all: the whole due list)
  clienttracker owed --db FILE [--csv]      who owes money: every open balance, with totals
  clienttracker log --db FILE --client ID --channel call [--summary TEXT] [--at TIME]
                                            log a contact (call, message, email, visit, in_shop)
  clienttracker export --db FILE --out DIR [--table NAME] [--sep ';'] [--no-bom]
                                            write every table (or one) as CSV files a spreadsheet opens
  clienttracker import --db FILE [--dry-run] [--on-duplicate update|skip|create] [--skip-invalid] FILE.csv|FILE.vcf|FOLDER
                                            add clients from a spreadsheet, Google/Outlook contacts or a phone's
                                            vCard file; or fill an empty book from an export folder
  clienttracker backup --db FILE --out FILE2
                                            copy the database, safely even while it is in use
  clienttracker check --db FILE             check the database for damage without changing it
  clienttracker restore --db FILE --from BACKUP
                                            put a backup copy in place of the database (the old file is kept)
  clienttracker ladder --db FILE [--clients] [--csv]
                                            clients and spend per rung of the ladder; --clients: one line a client
  clienttracker insights --db FILE [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--csv]
                                            is the shop keeping its clients: the Insights figures of a period
                                            (default this month) beside the period before
  clienttracker quit                        close every Client Tracker window of yours (the installer runs it
                                            before it replaces the program)
  clienttracker --version                   print the version

Run 'clienttracker COMMAND --help' for a command's flags.
`)
}

// newFlags returns a flag set that reports errors instead of exiting, and
// prints its help to stdout only when asked.
func newFlags(name, synopsis string, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fs.SetOutput(out)
		fmt.Fprintf(out, "Usage: %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parse parses args, turning flag errors into one-line usage errors.
func parse(fs *flag.FlagSet, args []string) error {
	// The flag package prints the usage on any error; only -h should.
	usage := fs.Usage
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.Usage = usage
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage()
			return err
		}
		return usageError{fmt.Sprintf("%s: %v (see '%s --help')", fs.Name(), err, fs.Name())}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("%s: unexpected argument %q (see '%s --help')", fs.Name(), fs.Arg(0), fs.Name())}
	}
	return nil
}
