package presets

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"

	"github.com/cocvm/cocvm/apiclient"
)

// WriteFileAtomic replaces the file at path with data so that a reader, or
// the file after a crash, sees either the old content or the new content,
// never a mix: it writes a temporary file in the same directory, fsyncs it,
// sets perm, renames it over path and fsyncs the directory. On any failure
// the old file is left as it was and the temporary file is removed.
//
// A symlink at path is followed, so the file it points at is replaced and
// the link survives (dotfile managers keep working).
func WriteFileAtomic(path string, data []byte, perm fs.FileMode) error {
	return writeFileAtomic(path, data, perm, nil)
}

// atomicHooks lets tests interrupt a write at a chosen point.
type atomicHooks struct {
	// beforeRename runs after the temporary file is complete and synced,
	// just before it would replace the target. A non-nil error aborts.
	beforeRename func(tmp string) error
}

func writeFileAtomic(path string, data []byte, perm fs.FileMode, hooks *atomicHooks) (err error) {
	if fi, lerr := os.Lstat(path); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if real, rerr := filepath.EvalSymlinks(path); rerr == nil {
			path = real
		}
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	// A leading dot keeps the temporary file out of listings such as
	// Store.List while it exists.
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return apiclient.Errorf("writing %s: %v", path, err)
	}
	tmp := f.Name()
	closed := false
	defer func() {
		if err != nil {
			if !closed {
				f.Close()
			}
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return apiclient.Errorf("writing %s: %v", path, err)
	}
	// CreateTemp makes 0600; set the wanted mode explicitly so the umask
	// cannot widen or narrow it.
	if err = f.Chmod(perm); err != nil {
		return apiclient.Errorf("writing %s: %v", path, err)
	}
	if err = f.Sync(); err != nil {
		return apiclient.Errorf("writing %s: %v", path, err)
	}
	closed = true
	if err = f.Close(); err != nil {
		return apiclient.Errorf("writing %s: %v", path, err)
	}
	if hooks != nil && hooks.beforeRename != nil {
		if err = hooks.beforeRename(tmp); err != nil {
			return apiclient.Errorf("writing %s: %v", path, err)
		}
	}
	if err = os.Rename(tmp, path); err != nil {
		return apiclient.Errorf("writing %s: %v", path, err)
	}
	// The rename is durable only once the directory entry is on disk.
	// After the rename the new content is in place, so a failure here is
	// reported but nothing is rolled back.
	if serr := syncDir(dir); serr != nil {
		return apiclient.Errorf("writing %s: syncing its directory: %v", path, serr)
	}
	return nil
}

// syncDir fsyncs a directory so that entries created or renamed in it
// survive a crash. Windows cannot open directories for syncing; there the
// rename is as durable as the platform makes it.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	// Some file systems (FUSE, some network mounts) cannot sync a
	// directory and say EINVAL; the rename itself has still happened.
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return err
	}
	return nil
}
