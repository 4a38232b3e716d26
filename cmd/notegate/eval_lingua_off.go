//go:build !linguabaseline

package main

// linguaBaseline is nil: this build leaves plain lingua-go and its models
// out (see eval_lingua.go).
var linguaBaseline *plainLingua
