package launch

import (
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/field"
	"github.com/cocvm/cocvm/ui/locale"
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

// sourceOption is the option of image source src, said in p's language.
func sourceOption(p *message.Printer, src string) field.Option {
	switch src {
	case apiclient.ImageSourcePublic:
		return field.Option{Label: src, Text: p.Sprintf("public")}
	case apiclient.ImageSourcePrivate:
		return field.Option{Label: src, Text: p.Sprintf("private")}
	case apiclient.ImageSourceShared:
		return field.Option{Label: src, Text: p.Sprintf("shared")}
	}
	return field.Option{Label: src}
}

func (m *Model) imageStep() *field.Step {
	f := &m.f
	p := m.st.P
	f.imgSource = &field.Choice{Label: p.Sprintf("Source"), Options: []field.Option{sourceOption(p, apiclient.ImageSourcePublic), sourceOption(p, apiclient.ImageSourcePrivate)}}
	f.imgSource.OnChange = func(int) {
		m.pendingLoads = append(m.pendingLoads, m.loadImages(m.imageSource()))
		m.refreshAll()
	}
	f.imgPlatform = &field.Choice{Label: p.Sprintf("Platform"), Options: []field.Option{{Label: platformAll, Text: p.Sprintf("All")}}}
	f.imgPlatform.OnChange = func(int) { m.refreshAll() }
	f.images = m.lookUpList(p.Sprintf("Image"), p.Sprintf("images"), 7, []theme.Column{
		{Title: p.Sprintf("NAME"), Width: 32, Min: 10}, {Title: p.Sprintf("PLATFORM"), Width: 14, Min: 10, Drop: 1}, {Title: p.Sprintf("DISK"), Width: 6, Right: true}, {Title: "ID", Width: 14},
	})
	f.images.Empty = p.Sprintf("no images from this source match the platform filter")
	f.images.OnChange = func(id string) {
		m.draft.Spec.ImageID = id
		delete(m.auto, autoImage)
		m.imageChanged()
		m.refreshAll()
	}
	return &field.Step{
		Title:    p.Sprintf("Image"),
		Subtitle: func() string { return p.Sprintf("for %s", theme.OrDash(m.draft.Spec.InstanceType)) },
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
	p := m.st.P
	sources := []field.Option{sourceOption(p, apiclient.ImageSourcePublic), sourceOption(p, apiclient.ImageSourcePrivate)}
	if len(m.data.imageList(apiclient.ImageSourceShared).items) > 0 || src == apiclient.ImageSourceShared {
		sources = append(sources, sourceOption(p, apiclient.ImageSourceShared))
	}
	f.imgSource.Options, f.imgSource.Selected = field.WithOption(sources, src)

	// The platforms of the source chosen: a platform it has none of is
	// All again.
	platform := m.platform()
	opts := platformOptions(p, m.data.imageList(m.imageSource()).items)
	f.imgPlatform.Options, f.imgPlatform.Selected = opts, 0
	for i, o := range opts {
		if o.Label == platform {
			f.imgPlatform.Selected = i
		}
	}
}

// platformOptions are All, then the documented platforms the images have,
// in the page's order, then any other platform they have, sorted.
func platformOptions(p *message.Printer, imgs []apiclient.Image) []field.Option {
	have := map[string]bool{}
	for _, img := range imgs {
		if img.Platform != "" {
			have[img.Platform] = true
		}
	}
	opts := []field.Option{{Label: platformAll, Text: p.Sprintf("All")}}
	for _, pl := range documentedPlatforms {
		if have[pl] {
			opts = append(opts, field.Option{Label: pl})
			delete(have, pl)
		}
	}
	others := make([]string, 0, len(have))
	for pl := range have {
		others = append(others, pl)
	}
	sort.Strings(others)
	for _, pl := range others {
		opts = append(opts, field.Option{Label: pl})
	}
	return opts
}

func (m *Model) imageRows() []field.Row {
	p := m.st.P
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
		detail := strings.TrimSpace(p.Sprintf("%s · %s · created %s · %s", img.OsType, img.Architecture, img.CreateTime, img.Desc))
		change := m.data.imageChange(src, img)
		if !strings.EqualFold(img.Status, "ready") {
			disabled = p.Sprintf("not ready")
			if !change.IsZero() {
				disabled = p.Sprintf("not ready · changed")
			}
			detail = p.Sprintf("Not ready (status %s): it cannot be chosen until it is.", img.Status)
		} else if why := m.incompatible(img.ImageID); !why.IsZero() {
			flag = p.Sprintf("incompatible")
			detail = p.Sprintf("%s %s; choose another image, or another type in step 2.", img.Name, locale.Say(p, why))
		}
		if !change.IsZero() {
			if flag == "" {
				flag = p.Sprintf("changed")
			}
			detail = p.Sprintf("Changed: %s. %s", locale.Say(p, change), detail)
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

// incompatible says why an image does not run on the chosen type, or
// nothing (a zero Text).
func (m *Model) incompatible(imageID string) apiclient.Text {
	c := m.data.findConstraint(imageID)
	t := m.draft.Spec.InstanceType
	if c == nil || t == "" || c.Allows(t) {
		return apiclient.Text{}
	}
	return apiclient.T("doesn't support %s", t)
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
