package sandbox

import (
	"crypto/rand"
	"crypto/sha256"
	mrand "math/rand/v2"
)

const idAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

// catalogueID derives a resource id from the names that identify it, so the
// catalogue has the same ids on every start and on every machine. The shape
// (prefix plus ten lower-case letters and digits) is the one JD Cloud uses,
// e.g. "img-m5s0ab1c29".
func catalogueID(prefix string, names ...string) string {
	h := sha256.New()
	for _, n := range names {
		h.Write([]byte(n))
		h.Write([]byte{0})
	}
	sum := h.Sum(nil)
	b := make([]byte, 0, len(prefix)+10)
	b = append(b, prefix...)
	for i := 0; i < 10; i++ {
		b = append(b, idAlphabet[int(sum[i])%len(idAlphabet)])
	}
	return string(b)
}

// randomID draws n characters of the id alphabet from r.
func randomID(r *mrand.Rand, prefix string, n int) string {
	b := make([]byte, 0, len(prefix)+n)
	b = append(b, prefix...)
	for i := 0; i < n; i++ {
		b = append(b, idAlphabet[r.IntN(len(idAlphabet))])
	}
	return string(b)
}

// newRequestID returns a request id shaped like the gateway's: 32 lower-case
// letters and digits. It needs no reproducibility, so it uses the global,
// goroutine-safe generator rather than the seeded one behind the state lock.
func newRequestID() string {
	var b [32]byte
	for i := range b {
		b[i] = idAlphabet[mrand.IntN(len(idAlphabet))]
	}
	return string(b[:])
}

// randomKey returns n characters for a generated access or secret key.
// Keys guard a listening socket, so they come from crypto/rand.
func randomKey(n int, alphabet string) string {
	b := make([]byte, n)
	rand.Read(b) // never fails since Go 1.24
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}
