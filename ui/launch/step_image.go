package launch

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/field"
	"github.com/cocvm/cocvm/ui/theme"
)

// Step 3, image: the region's images by source and platform, newest first;
// those not ready are dimmed and those the type cannot run are flagged.
//
// Shared images are "目前暂不支持" (not supported yet) on the describeImages
// page: the shared source is offered only once a shared list came back
// with images in it, and a refusal is no failure, only nothing to offer.
// The platforms offered are those of the source's images, in the page's
// order, after All.

// platformAll shows every platform.
const platformAll = "All"

// documentedPlatforms are the platforms of the describeImages page, in its
// order.
var documentedPlatforms = []string{
	apiclient.PlatformUbuntu, apiclient.PlatformCentOS, apiclient.PlatformWindowsServer,
	apiclient.PlatformOtherLinux, apiclient.PlatformOtherWindows,
}

func (m *Model) imageStep() *field.Step {
	f := &m.f
	f.imgSource = &field.Choice{Label: "Source", Options: []field.Option{{Label: apiclient.ImageSourcePublic}, {Label: apiclient.ImageSourcePrivate}}}
	f.imgSource.OnChange = func(int) {
		m.pendingLoads = append(m.pendingLoads, m.loadImages(m.imageSource()))
		m.refreshAll()
	}
	f.imgPlatform = &field.Choice{Label: "Platform", Options: []field.Option{{Label: platformAll}}}
	f.imgPlatform.OnChange = func(int) { m.refreshAll() }
	f.images = field.NewList("Image", []theme.Column{
		{Title: "NAME", Width: 32, Min: 10}, {Title: "PLATFORM", Width: 14, Min: 10, Drop: 1}, {Title: "DISK", Width: 6, Right: true}, {Title: "ID", Width: 14},
	})
	f.images.MaxRows = 7
	f.images.Retry = m.retryFailed
	f.images.Spinner = m.spinnerView
	f.images.Noun = kindImages
	f.images.Empty = "no images from this source match the platform filter"
	f.images.OnChange = func(id string) {
		m.draft.Spec.ImageID = id
		delete(m.auto, autoImage)
		m.imageChanged()
		m.refreshAll()
	}
	return &field.Step{
		Title:    "Image",
		Subtitle: func() string { return "for " + theme.OrDash(m.draft.Spec.InstanceType) },
		Fields:   []field.Field{f.imgSource, f.imgPlatform, f.images},
	}
}

// imageSource is the image source chosen.
func (m *Model) imageSource() string {
	f := m.f.imgSource
	if f.Selected < 0 || f.Selected >= len(f.Options) {
		return apiclient.ImageSourcePublic
	}
	return f.Options[f.Selected].Label
}

// platform is the platform filter chosen.
func (m *Model) platform() string {
	f := m.f.imgPlatform
	if f.Selected < 0 || f.Selected >= len(f.Options) {
		return platformAll
	}
	return f.Options[f.Selected].Label
}

// syncImageChoices offers the sources that can work (shared only when a
// shared list came back with images) and the platforms of the source's
// images, keeping what was chosen.
func (m *Model) syncImageChoices() {
	f := &m.f
	src := m.imageSource()
	sources := []field.Option{{Label: apiclient.ImageSourcePublic}, {Label: apiclient.ImageSourcePrivate}}
	if len(m.data.imageList(apiclient.ImageSourceShared).items) > 0 || src == apiclient.ImageSourceShared {
		sources = append(sources, field.Option{Label: apiclient.ImageSourceShared})
	}
	f.imgSource.Options, f.imgSource.Selected = field.WithOption(sources, src)

	// The platforms of the source chosen: a platform it has none of is
	// All again.
	platform := m.platform()
	opts := platformOptions(m.data.imageList(m.imageSource()).items)
	f.imgPlatform.Options, f.imgPlatform.Selected = opts, 0
	for i, o := range opts {
		if o.Label == platform {
			f.imgPlatform.Selected = i
		}
	}
}

// platformOptions are All, then the documented platforms the images have,
// in the page's order, then any other platform they have, sorted.
func platformOptions(imgs []apiclient.Image) []field.Option {
	have := map[string]bool{}
	for _, img := range imgs {
		if img.Platform != "" {
			have[img.Platform] = true
		}
	}
	opts := []field.Option{{Label: platformAll}}
	for _, p := range documentedPlatforms {
		if have[p] {
			opts = append(opts, field.Option{Label: p})
			delete(have, p)
		}
	}
	others := make([]string, 0, len(have))
	for p := range have {
		others = append(others, p)
	}
	sort.Strings(others)
	for _, p := range others {
		opts = append(opts, field.Option{Label: p})
	}
	return opts
}

func (m *Model) imageRows() []field.Row {
	src := m.imageSource()
	platform := m.platform()
	imgs := append([]apiclient.Image(nil), m.data.imageList(src).items...)
	sort.SliceStable(imgs, func(i, j int) bool { return imgs[i].CreateTime > imgs[j].CreateTime })
	var rows []field.Row
	for _, img := range imgs {
		if platform != platformAll && img.Platform != platform {
			continue
		}
		disabled, flag := "", ""
		detail := strings.TrimSpace(img.OsType + " · " + img.Architecture + " · created " + img.CreateTime + " · " + img.Desc)
		change := m.data.imageChange(src, img)
		if !strings.EqualFold(img.Status, "ready") {
			disabled = "not ready"
			if change != "" {
				disabled = "not ready · changed"
			}
			detail = "Not ready (status " + img.Status + "): it cannot be chosen until it is."
		} else if why := m.incompatible(img.ImageID); why != "" {
			flag = "incompatible"
			detail = img.Name + " " + why + "; choose another image, or another type in step 2."
		}
		if change != "" {
			if flag == "" {
				flag = "changed"
			}
			detail = "Changed: " + change + ". " + detail
		}
		rows = append(rows, field.Row{
			ID:       img.ImageID,
			Cells:    []string{img.Name, img.Platform, strconv.Itoa(img.SystemDiskSizeGB) + " GiB", img.ImageID},
			Disabled: disabled,
			Flag:     flag,
			Search:   strings.ToLower(img.Name + " " + img.Platform + " " + img.ImageID + " " + img.OsType),
			Detail:   detail,
		})
	}
	return rows
}

// incompatible says why an image does not run on the chosen type, or "".
func (m *Model) incompatible(imageID string) string {
	c := m.data.findConstraint(imageID)
	t := m.draft.Spec.InstanceType
	if c == nil || t == "" {
		return ""
	}
	listed := slices.Contains(c.InstanceTypes, t)
	switch strings.ToLower(c.ConstraintsType) {
	case "excludes":
		if listed {
			return "doesn't support " + t
		}
	case "includes":
		if !listed {
			return "doesn't support " + t
		}
	}
	return ""
}

// imageChanged follows the image with the system disk size while the person
// has not set one, and keeps the login method valid for the platform.
func (m *Model) imageChanged() {
	img := m.data.findImage(m.draft.Spec.ImageID)
	if img == nil {
		return
	}
	if size := systemDiskGB(img); m.auto[autoSize] && size > 0 {
		m.draft.Spec.SystemDisk.DiskSizeGB = size
		m.f.sysSize.SetValue(strconv.Itoa(size))
	}
}

func (m *Model) isWindows() bool {
	img := m.data.findImage(m.draft.Spec.ImageID)
	return img != nil && strings.EqualFold(img.OsType, "windows")
}
