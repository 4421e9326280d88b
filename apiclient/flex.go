package apiclient

import (
	"bytes"
	"encoding/json"
)

// Fields whose published forms disagree. Each reads every form a page shows
// and writes the form of the COC-VM page.

// LocalDisks is the local disk configuration of an instance type. The COC-VM
// page "describeInstanceTypes" documents one object (FlavorDiskInfo:
// diskType, diskSizeGB, count); the vm product's page of the same name
// documents a list (LocalDisk[]). Both are read; null is none. One disk
// configuration is written as the COC object, more as a list.
type LocalDisks []LocalDisk

// UnmarshalJSON reads an object, a list of objects or null.
func (l *LocalDisks) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	switch {
	case bytes.Equal(data, []byte("null")):
		*l = nil
		return nil
	case len(data) > 0 && data[0] == '{':
		var one LocalDisk
		if err := json.Unmarshal(data, &one); err != nil {
			return err
		}
		*l = LocalDisks{one}
		return nil
	case len(data) > 0 && data[0] == '[':
		var many []LocalDisk
		if err := json.Unmarshal(data, &many); err != nil {
			return err
		}
		*l = many
		return nil
	}
	return Errorf("localDisks is %s, not an object or a list of objects", jsonKind(data))
}

// MarshalJSON writes one disk configuration as an object (the COC page's
// form) and several as a list.
func (l LocalDisks) MarshalJSON() ([]byte, error) {
	switch len(l) {
	case 0:
		return []byte("null"), nil
	case 1:
		return json.Marshal(l[0])
	}
	return json.Marshal([]LocalDisk(l))
}

// StringList is a list of strings that may also be written as one string.
// The COC-VM describeInstances example writes the interface's
// privateIpAddress as a list, where the instance's own field of the same
// name is one string.
type StringList []string

// UnmarshalJSON reads a string, a list of strings or null.
func (s *StringList) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	switch {
	case bytes.Equal(data, []byte("null")):
		*s = nil
		return nil
	case len(data) > 0 && data[0] == '"':
		var one string
		if err := json.Unmarshal(data, &one); err != nil {
			return err
		}
		*s = StringList{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(data, &many); err != nil {
		return Errorf("expected a string or a list of strings, found %s", jsonKind(data))
	}
	*s = many
	return nil
}

// jsonKind names the kind of a JSON value by its first byte, for messages.
func jsonKind(data []byte) Text {
	if len(data) == 0 {
		return T("empty")
	}
	switch c := data[0]; {
	case c == '{':
		return T("an object")
	case c == '[':
		return T("a list")
	case c == '"':
		return T("a string")
	case c == 't' || c == 'f':
		return T("a boolean")
	case c == 'n':
		return T("null")
	}
	return T("a number")
}
