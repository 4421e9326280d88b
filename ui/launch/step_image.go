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

var platformFilters = []string{"All", "CentOS", "Ubuntu", "Debian", "Windows Server"}

func (m *Model) imageStep() *field.Step {
	f := &m.f
	f.imgSource = &field.Choice{Label: "Source", Options: []field.Option{{Label: "public"}, {Label: "private"}, {Label: "shared"}}}
	f.imgSource.OnChange = func(int) {
		m.pendingLoads = append(m.pendingLoads, m.loadImages(imageSources[f.imgSource.Selected]))
		m.refreshAll()
	}
	opts := make([]field.Option, len(platformFilters))
	for i, p := range platformFilters {
		opts[i] = field.Option{Label: p}
	}
	f.imgPlatform = &field.Choice{Label: "Platform", Options: opts}
	f.imgPlatform.OnChange = func(int) { m.refreshAll() }
	f.images = field.NewList("Image", []theme.Column{
		{Title: "NAME", Width: 32, Min: 10}, {Title: "PLATFORM", Width: 14, Min: 10}, {Title: "DISK", Width: 6, Right: true}, {Title: "ID", Width: 14},
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

func (m *Model) imageRows() []field.Row {
	src := imageSources[m.f.imgSource.Selected]
	platform := platformFilters[m.f.imgPlatform.Selected]
	imgs := append([]apiclient.Image(nil), m.data.imageList(src).items...)
	sort.SliceStable(imgs, func(i, j int) bool { return imgs[i].CreateTime > imgs[j].CreateTime })
	var rows []field.Row
	for _, img := range imgs {
		if platform != "All" && !strings.EqualFold(img.Platform, platform) {
			continue
		}
		disabled, flag := "", ""
		detail := strings.TrimSpace(img.OsType + " · " + img.Architecture + " · created " + img.CreateTime + " · " + img.Desc)
		if !strings.EqualFold(img.Status, "ready") {
			disabled = "not ready"
			detail = "Not ready (status " + img.Status + "): it cannot be chosen until it is."
		} else if why := m.incompatible(img.ImageID); why != "" {
			flag = "incompatible"
			detail = img.Name + " " + why + "; choose another image, or another type in step 2."
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
	if m.auto[autoSize] && img.SystemDiskSizeGB > 0 {
		size := max(40, roundUp10(img.SystemDiskSizeGB))
		m.draft.Spec.SystemDisk.DiskSizeGB = size
		m.f.sysSize.SetValue(strconv.Itoa(size))
	}
}

func roundUp10(n int) int { return (n + 9) / 10 * 10 }

func (m *Model) isWindows() bool {
	img := m.data.findImage(m.draft.Spec.ImageID)
	return img != nil && strings.EqualFold(img.OsType, "windows")
}
