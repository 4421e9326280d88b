package apiclient

import (
	"slices"
	"strings"
)

// Wire types for the COC-VM createInstances call. Field order and JSON names
// follow the parameter tables of the createInstances document; optional
// fields carry omitempty so a body never holds a field nobody set.

// CreateInstancesRequest is the body of POST /v1/regions/{regionId}/instances.
type CreateInstancesRequest struct {
	InstanceSpec InstanceSpec `json:"instanceSpec"`
	MaxCount     int          `json:"maxCount,omitempty"`
	ClientToken  string       `json:"clientToken,omitempty"`
}

// InstanceSpec is the configuration shared by every instance of one request.
type InstanceSpec struct {
	Az                      string                       `json:"az"`
	InstanceType            string                       `json:"instanceType"`
	ImageID                 string                       `json:"imageId"`
	Name                    string                       `json:"name"`
	Password                string                       `json:"password,omitempty"`
	KeyName                 string                       `json:"keyName,omitempty"`
	PasswordAuth            string                       `json:"passwordAuth,omitempty"`
	ElasticIPSpec           *ElasticIPSpec               `json:"elasticIpSpec,omitempty"`
	PrimaryNetworkInterface NetworkInterfaceSpec         `json:"primaryNetworkInterface"`
	SystemDisk              InstanceDiskAttachmentSpec   `json:"systemDisk"`
	DataDisks               []InstanceDiskAttachmentSpec `json:"dataDisks,omitempty"`
	Charge                  *ChargeSpec                  `json:"charge,omitempty"`
}

// ChargeSpec is the billing of the instances (prepaid only on COC-VM).
type ChargeSpec struct {
	ChargeMode     string `json:"chargeMode,omitempty"`
	ChargeUnit     string `json:"chargeUnit,omitempty"`
	ChargeDuration int    `json:"chargeDuration,omitempty"`
	AutoRenew      bool   `json:"autoRenew,omitempty"`
}

// InstanceDiskAttachmentSpec is a system or data disk.
type InstanceDiskAttachmentSpec struct {
	DiskType   string `json:"diskType"`
	DiskSizeGB int    `json:"diskSizeGB,omitempty"`
}

// NetworkInterfaceSpec is the primary network interface.
type NetworkInterfaceSpec struct {
	VpcID          string                `json:"vpcId"`
	SubnetID       string                `json:"subnetId"`
	IP             string                `json:"ip,omitempty"`
	SecurityGroups []SecurityGroupCreate `json:"securityGroups"`
}

// SecurityGroupCreate names one security group of the interface.
type SecurityGroupCreate struct {
	GroupID   string `json:"groupId"`
	GroupName string `json:"groupName,omitempty"`
}

// ElasticIPSpec asks for an elastic public IP bound to each instance.
type ElasticIPSpec struct {
	SizeMbps       int    `json:"sizeMbps"`
	Provider       string `json:"provider"`
	ChargeMode     string `json:"chargeMode,omitempty"`
	ChargePlan     string `json:"chargePlan,omitempty"`
	ChargeUnit     string `json:"chargeUnit,omitempty"`
	ChargeDuration int    `json:"chargeDuration,omitempty"`
}

// CreateInstancesResult is the result of createInstances.
type CreateInstancesResult struct {
	InstanceIDs []string `json:"instanceIds"`
}

// Documented constants.
const (
	ChargeModePrepaid = "prepaid_by_duration"
	ChargeUnitMonth   = "month"
	ChargeUnitYear    = "year"
	EIPProviderBGP    = "bgp"
	EIPPlanBandwidth  = "bandwidth"
)

// Instance statuses as the API returns them (lower case).
const (
	StatusPending    = "pending"
	StatusStarting   = "starting"
	StatusRunning    = "running"
	StatusStopping   = "stopping"
	StatusStopped    = "stopped"
	StatusRebooting  = "rebooting"
	StatusRebuilding = "rebuilding"
	StatusResizing   = "resizing"
	StatusDeleting   = "deleting"
	StatusError      = "error"
)

// InstanceStatus is one row of describeInstanceStatus.
type InstanceStatus struct {
	InstanceID string `json:"instanceId"`
	Status     string `json:"status"`
}

// Instance is one row of describeInstances, and the instance of
// describeInstance (the COC-VM pages "describeInstances" and
// "describeInstance"). The fields are the pages' tables plus what their
// response examples carry besides (hostName, and the interface's and disks'
// own example shapes), so nothing a page shows is left unread.
type Instance struct {
	InstanceID string `json:"instanceId"`
	// PartnerID is the partner cloud's id of the instance (describeInstances).
	PartnerID        string `json:"partnerId,omitempty"`
	InstanceName     string `json:"instanceName"`
	HostName         string `json:"hostName,omitempty"`
	InstanceType     string `json:"instanceType"`
	Status           string `json:"status"`
	Az               string `json:"az"`
	Region           string `json:"region,omitempty"`
	VpcID            string `json:"vpcId"`
	SubnetID         string `json:"subnetId"`
	PrivateIPAddress string `json:"privateIpAddress"`
	ElasticIPAddress string `json:"elasticIpAddress"`
	ElasticIPID      string `json:"elasticIpId,omitempty"`
	ImageID          string `json:"imageId"`
	KeyName          string `json:"keyName,omitempty"`
	// LaunchTime is "YYYY-MM-DD HH:mm:ss", e.g. "2021-07-19 20:33:17".
	LaunchTime              string                    `json:"launchTime,omitempty"`
	SystemDisk              *InstanceDiskAttachment   `json:"systemDisk,omitempty"`
	DataDisks               []InstanceDiskAttachment  `json:"dataDisks,omitempty"`
	PrimaryNetworkInterface *InstanceNetworkInterface `json:"primaryNetworkInterface,omitempty"`
	Charge                  *Charge                   `json:"charge,omitempty"`
}

// InstanceDiskAttachment is a disk of a described instance: which cloud disk
// and where it is attached (vda for the system disk, vdb... for data disks).
// AutoDelete is in the pages' response examples, not in their tables.
type InstanceDiskAttachment struct {
	DiskID     string `json:"diskId"`
	DeviceName string `json:"deviceName"`
	AutoDelete bool   `json:"autoDelete,omitempty"`
}

// InstanceNetworkInterface is the primary interface of a described instance
// (InstanceNetworkInterfaceAttachmentDetail). The pages' table names vpcId,
// subnetId, securityGroups, ip and portId; their response example writes the
// address as a list, privateIpAddress, and the groups as securityGroupsIds.
// Both forms are read: use Groups and Address rather than the fields.
type InstanceNetworkInterface struct {
	VpcID             string                `json:"vpcId"`
	SubnetID          string                `json:"subnetId"`
	SecurityGroups    []SecurityGroupSimple `json:"securityGroups,omitempty"`
	IP                string                `json:"ip,omitempty"`
	PortID            string                `json:"portId,omitempty"`
	PrivateIPAddress  StringList            `json:"privateIpAddress,omitempty"`
	SecurityGroupsIDs []SecurityGroupSimple `json:"securityGroupsIds,omitempty"`
}

// Groups returns the interface's security groups, in whichever form the
// answer gave them.
func (n *InstanceNetworkInterface) Groups() []SecurityGroupSimple {
	if n == nil {
		return nil
	}
	if len(n.SecurityGroups) > 0 {
		return n.SecurityGroups
	}
	return n.SecurityGroupsIDs
}

// Address returns the interface's private IPv4 address, in whichever form
// the answer gave it.
func (n *InstanceNetworkInterface) Address() string {
	switch {
	case n == nil:
		return ""
	case n.IP != "":
		return n.IP
	case len(n.PrivateIPAddress) > 0:
		return n.PrivateIPAddress[0]
	}
	return ""
}

// SecurityGroupSimple names a security group of a described interface.
type SecurityGroupSimple struct {
	GroupID   string `json:"groupId"`
	GroupName string `json:"groupName,omitempty"`
}

// Charge is the billing of a described instance. The start, expiry and
// retirement times are ISO 8601 in UTC ("2021-07-19T12:33:17Z").
type Charge struct {
	ChargeMode        string `json:"chargeMode"`
	ChargeStatus      string `json:"chargeStatus"`
	ChargeStartTime   string `json:"chargeStartTime"`
	ChargeExpiredTime string `json:"chargeExpiredTime,omitempty"`
	ChargeRetireTime  string `json:"chargeRetireTime,omitempty"`
}

// InstanceType is one row of describeInstanceTypes (the COC-VM page
// "describeInstanceTypes").
type InstanceType struct {
	Family       string              `json:"family"`
	InstanceType string              `json:"instanceType"`
	CPU          int                 `json:"cpu"`
	MemoryMB     int                 `json:"memoryMB"`
	Architecture string              `json:"architecture,omitempty"`
	State        []InstanceTypeState `json:"state"`
	// LocalDisks is the page's FlavorDiskInfo, one object; the vm product's
	// page documents a list instead. Both are read (see LocalDisks).
	LocalDisks LocalDisks `json:"localDisks,omitempty"`
	GPU        *GPU       `json:"gpu,omitempty"`
	// MaxDisks is how many cloud disks (system included) the type takes;
	// 0 means the documented default of 8. Not a field of the page: the
	// sandbox serves it.
	MaxDisks int `json:"maxDisks,omitempty"`
}

// InstanceTypeState says whether a type is in stock in one zone.
type InstanceTypeState struct {
	Az      string `json:"az"`
	InStock bool   `json:"inStock"`
}

// LocalDisk is the local disk configuration of an instance type
// (FlavorDiskInfo): Count disks of DiskSizeGB each.
type LocalDisk struct {
	DiskType   string `json:"diskType"`
	DiskSizeGB int    `json:"diskSizeGB"`
	Count      int    `json:"count,omitempty"`
}

// GPU describes the accelerators of a GPU instance type (GpuInfo).
type GPU struct {
	Model  string `json:"model"`
	Number int    `json:"number"`
}

// Image is one row of describeImages, and the image of describeImage (the
// COC-VM pages of those names). Platform is one of Ubuntu, CentOS, Windows
// Server, Other Linux, Other Windows. SizeMB is in the pages' response
// examples, not in their tables.
type Image struct {
	ImageID          string          `json:"imageId"`
	PartnerImageID   string          `json:"partnerImageId,omitempty"`
	Name             string          `json:"name"`
	Platform         string          `json:"platform"`
	Architecture     string          `json:"architecture,omitempty"`
	OsType           string          `json:"osType"`
	ImageSource      string          `json:"imageSource"`
	Status           string          `json:"status"`
	SystemDiskSizeGB int             `json:"systemDiskSizeGB"`
	SizeMB           int             `json:"sizeMB"`
	CreateTime       string          `json:"createTime,omitempty"`
	Desc             string          `json:"desc"`
	OwnerPin         string          `json:"ownerPin,omitempty"`
	Snapshots        []ImageSnapshot `json:"snapshots,omitempty"`
}

// ImageSnapshot is a disk snapshot a private image is made of.
type ImageSnapshot struct {
	DiskSnapshotID   string `json:"diskSnapshotId"`
	DiskSnapshotName string `json:"diskSnapshotName"`
	DiskSize         int    `json:"diskSize"`
	DiskCategory     string `json:"diskCategory"` // system_disk or data_disk
	DiskType         string `json:"diskType"`
}

// Image platforms as the describeImages page lists them for responses.
const (
	PlatformUbuntu        = "Ubuntu"
	PlatformCentOS        = "CentOS"
	PlatformWindowsServer = "Windows Server"
	PlatformOtherLinux    = "Other Linux"
	PlatformOtherWindows  = "Other Windows"
)

// ImageConstraint limits which instance types an image runs on. Image
// constraints are not a COC-VM call: the vm product's page
// "describeImageConstraintsBatch" documents them.
type ImageConstraint struct {
	ImageID    string                      `json:"imageId"`
	Constraint ImageInstanceTypeConstraint `json:"imageInstanceTypeConstraint"`
}

// ImageInstanceTypeConstraint is the type list of an ImageConstraint.
// ConstraintsType is "excludes" (the types the image does not run on), the
// only value the page says is served; "includes" (the only types it runs on)
// is documented too and still read.
type ImageInstanceTypeConstraint struct {
	ConstraintsType string   `json:"constraintsType"`
	InstanceTypes   []string `json:"instanceTypes"`
}

// Constraint types of ImageInstanceTypeConstraint.
const (
	ConstraintsExcludes = "excludes"
	ConstraintsIncludes = "includes"
)

// Allows reports whether the image runs on instance type t: not listed
// when the list excludes, listed when it includes. Any other kind of list
// constrains nothing.
func (c *ImageInstanceTypeConstraint) Allows(t string) bool {
	listed := slices.Contains(c.InstanceTypes, t)
	switch {
	case strings.EqualFold(c.ConstraintsType, ConstraintsExcludes):
		return !listed
	case strings.EqualFold(c.ConstraintsType, ConstraintsIncludes):
		return listed
	}
	return true
}

// Keypair is one row of describeKeypairs (the COC-VM page of that name).
type Keypair struct {
	KeyName        string `json:"keyName"`
	KeyFingerprint string `json:"keyFingerprint"`
	CreateTime     string `json:"createTime,omitempty"`
}

// QuotaUsage is one row of quota:describeUsage (the COC page
// "describeUsage").
type QuotaUsage struct {
	Pin          string `json:"pin,omitempty"`
	Region       string `json:"region,omitempty"`
	OwnerID      string `json:"ownerId,omitempty"`
	OwnerType    string `json:"ownerType,omitempty"`
	QuotaID      string `json:"quotaId,omitempty"`
	ServiceCode  string `json:"serviceCode"`
	ResourceType string `json:"resourceType"`
	Limit        int    `json:"limit"`
	Used         int    `json:"used"`
	CreateTime   string `json:"createTime,omitempty"`
	UpdateTime   string `json:"updateTime,omitempty"`
}

// Vpc is one row of describeVpcs.
type Vpc struct {
	VpcID         string `json:"vpcId"`
	VpcName       string `json:"vpcName"`
	AddressPrefix string `json:"addressPrefix"`
}

// Subnet is one row of describeSubnets. COC's subnet API is not published;
// the fields are those of the vm product's page "describeSubnets". A COC
// subnet has no zone (the COC subnets page asks for none, and the vm page's
// example answers "az": ""): see FitsZone.
type Subnet struct {
	SubnetID          string `json:"subnetId"`
	SubnetName        string `json:"subnetName"`
	VpcID             string `json:"vpcId"`
	AddressPrefix     string `json:"addressPrefix"`
	Az                string `json:"az"`
	AvailableIPCount  int    `json:"availableIpCount"`
	IPMaskLen         int    `json:"ipMaskLen"`
	Description       string `json:"description"`
	RouteTableID      string `json:"routeTableId"`
	ACLID             string `json:"aclId"`
	StartIP           string `json:"startIp"`
	EndIP             string `json:"endIp"`
	CreatedTime       string `json:"createdTime"`
	SubnetType        string `json:"subnetType"`
	IPv6AddressPrefix string `json:"ipv6AddressPrefix"`
}

// FitsZone says whether instances in zone az can use the subnet: a subnet
// with no zone fits every zone of its region.
func (s Subnet) FitsZone(az string) bool { return s.Az == "" || s.Az == az }

// SecurityGroup is one row of describeNetworkSecurityGroups.
type SecurityGroup struct {
	NetworkSecurityGroupID   string `json:"networkSecurityGroupId"`
	NetworkSecurityGroupName string `json:"networkSecurityGroupName"`
	VpcID                    string `json:"vpcId"`
	Description              string `json:"description,omitempty"`
}

// DiskType describes a cloud disk type and its stock per zone. COC-VM has no
// documented call for disk stock; the sandbox serves describeDiskTypes and
// the client falls back to the three documented types (stock unknown) when
// an endpoint does not know the call.
type DiskType struct {
	DiskType    string              `json:"diskType"`
	Description string              `json:"description"`
	State       []InstanceTypeState `json:"state,omitempty"`
}

// Filter is one describe-call filter (filters.N.name / filters.N.values.M).
type Filter struct {
	Name     string
	Values   []string
	Operator string
}
