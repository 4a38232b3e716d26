package index

import "golang.org/x/sys/unix"

// lowSpaceBytes is the free space below which a search batch is written
// with searches held off (see searchIndex.writeBatch): a batch needs room
// for its segment and scorch's merges several times its size.
const lowSpaceBytes = 256 << 20

// lowOnSpace reports whether the file system of dir has less than
// lowSpaceBytes free for this process; false when it cannot tell.
func lowOnSpace(dir string) bool {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return false
	}
	return st.Bavail*uint64(st.Bsize) < lowSpaceBytes
}
