package launch

import (
	"fmt"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"golang.org/x/text/message"

	"github.com/cocvm/cocvm/apiclient"
	"github.com/cocvm/cocvm/ui/advice"
	"github.com/cocvm/cocvm/ui/field"
	"github.com/cocvm/cocvm/ui/locale"
)

// Look-ups run as commands; their answers come back as loadedMsg and are
// matched to what is still wanted by key.

// loadRegion starts every look-up a region needs, all at once, so later
// steps are ready by the time the person gets there. The lists the cache
// keeps show at once (catalogcache.go), and so do the choices made from
// them.
func (m *Model) loadRegion() tea.Cmd {
	r := m.draft.Region
	d := m.data
	ck, types := m.typesFetch(r)
	cmds := []tea.Cmd{lookUpCached(m, &d.types, kindTypes, r, ck, types)}
	for _, src := range imageSources {
		cmds = append(cmds, m.loadImages(src))
	}
	// Images kept in the cache have their constraints asked at once.
	cmds = append(cmds, m.loadConstraints())
	if d.vpcs.start(r) {
		cmds = append(cmds, load(kindVpcs, r, func() (apiclient.Listing[apiclient.Vpc], error) { return m.cfg.Catalog.ListVpcs(m.ctx, r) }))
	}
	if d.keypairs.start(r) {
		cmds = append(cmds, load(kindKeypairs, r, func() (apiclient.Listing[apiclient.Keypair], error) { return m.cfg.Catalog.ListKeypairs(m.ctx, r) }))
	}
	ck, disks := m.diskTypesFetch(r)
	cmds = append(cmds, lookUpCached(m, &d.diskTypes, kindDiskTypes, r, ck, disks))
	if m.draft.Spec.PrimaryNetworkInterface.VpcID != "" {
		cmds = append(cmds, m.loadVpcChildren())
	}
	m.refreshAll()
	return tea.Batch(cmds...)
}

// loadQuota asks for the region's quotas afresh: each time the review
// opens, since instances created meanwhile (by anyone on the account) use
// them up. An answer to an earlier ask is dropped.
func (m *Model) loadQuota() tea.Cmd {
	r := m.draft.Region
	m.data.quotaAsks++
	key := fmt.Sprintf("%s#%d", r, m.data.quotaAsks)
	m.data.quota = loaded[apiclient.Quotas]{}
	m.data.quota.start(key)
	return load(kindQuota, key, func() (apiclient.Listing[apiclient.Quotas], error) {
		q, err := m.cfg.Catalog.DescribeQuotas(m.ctx, r)
		if err != nil || q == nil {
			return apiclient.Listing[apiclient.Quotas]{}, err
		}
		return apiclient.Listing[apiclient.Quotas]{Items: []apiclient.Quotas{*q}}, nil
	})
}

func (m *Model) loadImages(source string) tea.Cmd {
	r := m.draft.Region
	ck, fn := m.imagesFetch(r, source)
	return lookUpCached(m, m.data.imageList(source), kindImages, r+"/"+source, ck, fn)
}

func (m *Model) loadConstraints() tea.Cmd {
	r := m.draft.Region
	var ids []string
	for _, img := range m.data.allImages() {
		ids = append(ids, img.ImageID)
	}
	key := r + "/" + strings.Join(ids, ",")
	if len(ids) == 0 || !m.data.constraints.start(key) {
		return nil
	}
	return load(kindConstraints, key, func() (apiclient.Listing[apiclient.ImageConstraint], error) {
		return m.cfg.Catalog.ListImageConstraints(m.ctx, r, ids)
	})
}

func (m *Model) loadVpcChildren() tea.Cmd {
	r, vpc := m.draft.Region, m.draft.Spec.PrimaryNetworkInterface.VpcID
	if vpc == "" {
		return nil
	}
	key := r + "/" + vpc
	var cmds []tea.Cmd
	if m.data.subnets.start(key) {
		cmds = append(cmds, load(kindSubnets, key, func() (apiclient.Listing[apiclient.Subnet], error) {
			return m.cfg.Catalog.ListSubnets(m.ctx, r, vpc)
		}))
	}
	if m.data.groups.start(key) {
		cmds = append(cmds, load(kindGroups, key, func() (apiclient.Listing[apiclient.SecurityGroup], error) {
			return m.cfg.Catalog.ListSecurityGroups(m.ctx, r, vpc)
		}))
	}
	return tea.Batch(cmds...)
}

// retryFailed asks again for every look-up that failed: each failed list is
// forgotten, and loadRegion (with loadConstraints) asks for whatever is not
// loaded or loading.
func (m *Model) retryFailed() tea.Cmd {
	d := m.data
	forgetFailed(&d.types)
	forgetFailed(&d.constraints)
	forgetFailed(&d.vpcs)
	forgetFailed(&d.subnets)
	forgetFailed(&d.groups)
	forgetFailed(&d.keypairs)
	forgetFailed(&d.diskTypes)
	for _, l := range d.images {
		forgetFailed(l)
	}
	cmds := []tea.Cmd{m.loadRegion()} // which asks for the constraints too
	// Lists shown whose refresh failed are asked for again.
	r := m.draft.Region
	if d.types.refreshErr != nil {
		ck, fn := m.typesFetch(r)
		cmds = append(cmds, refreshCached(m, &d.types, kindTypes, ck, fn))
	}
	if d.diskTypes.refreshErr != nil {
		ck, fn := m.diskTypesFetch(r)
		cmds = append(cmds, refreshCached(m, &d.diskTypes, kindDiskTypes, ck, fn))
	}
	for src, l := range d.images {
		if l.refreshErr != nil {
			ck, fn := m.imagesFetch(r, src)
			cmds = append(cmds, refreshCached(m, l, kindImages, ck, fn))
		}
	}
	return tea.Batch(cmds...)
}

func forgetFailed[T any](l *loaded[T]) {
	if l.state == loadFailed {
		*l = loaded[T]{}
	}
}

// flushLoads returns the look-ups that field callbacks asked for.
func (m *Model) flushLoads() tea.Cmd {
	if len(m.pendingLoads) == 0 {
		return nil
	}
	cmds := m.pendingLoads
	m.pendingLoads = nil
	return tea.Batch(cmds...)
}

func (m *Model) onLoaded(msg loadedMsg) tea.Cmd {
	d := m.data
	var took bool
	var next []tea.Cmd
	switch msg.kind {
	case kindTypes:
		took = d.types.finish(msg)
	case kindImages:
		if msg.err != nil && msg.key == m.draft.Region+"/"+apiclient.ImageSourceShared {
			// Shared images are not supported yet (the page says so):
			// whatever the answer, there are none to offer, and no failure
			// to show.
			msg.err, msg.items = nil, nil
		}
		for src, l := range d.images {
			if msg.key == m.draft.Region+"/"+src {
				took = l.finish(msg)
			}
		}
		if took {
			next = append(next, m.loadConstraints())
		}
	case kindConstraints:
		took = d.constraints.finish(msg)
	case kindVpcs:
		took = d.vpcs.finish(msg)
	case kindSubnets:
		took = d.subnets.finish(msg)
	case kindGroups:
		took = d.groups.finish(msg)
	case kindKeypairs:
		took = d.keypairs.finish(msg)
	case kindDiskTypes:
		took = d.diskTypes.finish(msg)
	case kindQuota:
		took = d.quota.finish(msg)
	}
	if !took {
		return nil // an answer for a region or VPC no longer chosen
	}
	if msg.kind == kindTypes || msg.kind == kindImages || msg.kind == kindDiskTypes {
		// A fresh answer may take away what the wizard chose from the
		// cached one: it chooses again.
		m.reDefault()
	}
	m.refreshAll()
	next = append(next, m.flushLoads())
	if m.cfg.StartAtReview {
		next = append(next, m.openFirstProblem())
	}
	return tea.Batch(next...)
}

// refreshAll pushes the draft and the loaded lists into every field.
func (m *Model) refreshAll() {
	if m.f.region == nil {
		return
	}
	m.applyDefaults()
	d := &m.draft
	f := &m.f

	f.region.SetRows(m.regionRows())
	f.region.Selected = d.Region
	f.region.MoveToSelected()
	f.zone.Selected = d.Spec.Az
	f.zone.SetRows(m.zoneRows())

	p := m.st.P
	syncList(p, f.types, &m.data.types, d.Spec.InstanceType, "zone="+d.Spec.Az, m.typeRows)
	f.types.Note = joinNotes(f.types.Note, m.typesChangedNote(), refreshNote(p, m.data.types.refreshErr))
	m.syncImageChoices()
	src := m.imageSource()
	syncList(p, f.images, m.data.imageList(src), d.Spec.ImageID,
		fmt.Sprintf("%s|%s|%s|%s|%d", src, m.platform(), d.Spec.InstanceType, m.data.constraints.key, m.data.constraints.state), m.imageRows)
	f.images.Note = joinNotes(skippedNote(p, m.data.imageList(src).skipped+m.data.constraints.skipped),
		m.imagesChangedNote(src), refreshNote(p, m.data.imageList(src).refreshErr))
	syncList(p, f.vpc, &m.data.vpcs, d.Spec.PrimaryNetworkInterface.VpcID, "", m.vpcRows)
	syncList(p, f.subnet, &m.data.subnets, d.Spec.PrimaryNetworkInterface.SubnetID, "", m.subnetRows)
	if d.Spec.PrimaryNetworkInterface.VpcID == "" && m.data.vpcs.ready() {
		f.subnet.Empty = p.Sprintf("choose a VPC first")
	} else {
		f.subnet.Empty = p.Sprintf("the VPC has no subnet in %s", d.Spec.Az)
	}
	f.groups.Picked = f.groups.Picked[:0]
	for _, g := range d.Spec.PrimaryNetworkInterface.SecurityGroups {
		f.groups.Picked = append(f.groups.Picked, g.GroupID)
	}
	syncList(p, f.groups, &m.data.groups, "", "", m.groupRows)
	f.groups.Empty = p.Sprintf("the VPC has no security groups")
	syncList(p, f.keypair, &m.data.keypairs, d.Spec.KeyName, "", m.keypairRows)

	opts := m.diskTypeOptions()
	f.sysType.Options, f.sysType.Selected = field.WithOption(opts, d.Spec.SystemDisk.DiskType)
	for i, r := range f.dataDisks {
		r.Kind.Options, r.Kind.Selected = field.WithOption(opts, d.Spec.DataDisks[i].DiskType)
	}
	if m.isWindows() {
		f.login.Options[1].Disabled = p.Sprintf("Windows images take a password")
	} else {
		f.login.Options[1].Disabled = ""
	}
	m.revalidate()
}

// syncList copies one loaded list's state into its field. Rows are built
// again only when the list or key (what else they depend on) changed: a
// type list of hundreds is not rebuilt on every keystroke.
func syncList[T any](p *message.Printer, f *field.List, l *loaded[T], selected, key string, rows func() []field.Row) {
	f.Selected = selected
	f.Note = skippedNote(p, l.skipped)
	switch l.state {
	case loadIdle, loadBusy:
		f.RowsKey = ""
		f.SetLoading()
	case loadFailed:
		f.RowsKey = ""
		ex := advice.Explain(l.err)
		summary, _, _ := locale.Explained(p, ex)
		f.SetFailed(strings.TrimSpace(summary + "\n" + ex.Detail))
	case loadDone:
		full := l.key + "#" + strconv.Itoa(l.gen) + "#" + key
		if key == "" || f.RowsKey != full || f.State() != field.Done {
			f.RowsKey = full
			f.SetRows(rows())
			return
		}
		f.MoveToSelected()
	}
}

func (m *Model) keypairRows() []field.Row {
	rows := make([]field.Row, 0, len(m.data.keypairs.items))
	for _, k := range m.data.keypairs.items {
		rows = append(rows, field.Row{ID: k.KeyName, Cells: []string{k.KeyName, k.KeyFingerprint}, Search: strings.ToLower(k.KeyName)})
	}
	return rows
}
