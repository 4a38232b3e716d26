package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/notegate/notegate/desk"
)

// cmdHashPassword reads one password line on stdin and prints its bcrypt
// hash, for the password_hash of a review.accounts entry. The password
// never appears on the command line (shell history, ps).
func cmdHashPassword(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("hash-password", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `Usage:
  notegate hash-password < password

Reads one password line on stdin and prints its bcrypt hash, for the
password_hash of a review.accounts entry in the configuration. The password
never appears on the command line. For example:
  read -rs PASSWORD && echo "$PASSWORD" | notegate hash-password
`)
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if stdin == nil {
		return errors.New("hash-password reads the password on stdin")
	}
	line, err := bufio.NewReader(io.LimitReader(stdin, 1024)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read password: %w", err)
	}
	hash, err := desk.HashPassword(strings.TrimRight(line, "\r\n"))
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(stdout, hash)
	return err
}
