package apiclient

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

// Instance is one row of describeInstances, decoded leniently: COC's own
// example disagrees with its table, so only the fields we use are typed.
type Instance struct {
	InstanceID       string `json:"instanceId"`
	InstanceName     string `json:"instanceName"`
	InstanceType     string `json:"instanceType"`
	Status           string `json:"status"`
	Az               string `json:"az"`
	VpcID            string `json:"vpcId"`
	SubnetID         string `json:"subnetId"`
	PrivateIPAddress string `json:"privateIpAddress"`
	ElasticIPAddress string `json:"elasticIpAddress"`
	ImageID          string `json:"imageId"`
	KeyName          string `json:"keyName,omitempty"`
	LaunchTime       string `json:"launchTime,omitempty"`
}

// InstanceType is one row of describeInstanceTypes.
type InstanceType struct {
	Family       string              `json:"family"`
	InstanceType string              `json:"instanceType"`
	CPU          int                 `json:"cpu"`
	MemoryMB     int                 `json:"memoryMB"`
	Architecture string              `json:"architecture,omitempty"`
	State        []InstanceTypeState `json:"state"`
	LocalDisks   []LocalDisk         `json:"localDisks,omitempty"`
	GPU          *GPU                `json:"gpu,omitempty"`
	// MaxDisks is how many cloud disks (system included) the type takes;
	// 0 means the documented default of 8.
	MaxDisks int `json:"maxDisks,omitempty"`
}

// InstanceTypeState says whether a type is in stock in one zone.
type InstanceTypeState struct {
	Az      string `json:"az"`
	InStock bool   `json:"inStock"`
}

// LocalDisk is a local disk that comes with an instance type.
type LocalDisk struct {
	DiskType   string `json:"diskType"`
	DiskSizeGB int    `json:"diskSizeGB"`
}

// GPU describes the accelerators of a GPU instance type.
type GPU struct {
	Model  string `json:"model"`
	Number int    `json:"number"`
}

// Image is one row of describeImages.
type Image struct {
	ImageID          string `json:"imageId"`
	Name             string `json:"name"`
	Platform         string `json:"platform"`
	Architecture     string `json:"architecture,omitempty"`
	OsType           string `json:"osType"`
	ImageSource      string `json:"imageSource"`
	Status           string `json:"status"`
	SystemDiskSizeGB int    `json:"systemDiskSizeGB"`
	CreateTime       string `json:"createTime,omitempty"`
	Desc             string `json:"desc,omitempty"`
}

// ImageConstraint limits which instance types an image runs on
// (describeImageConstraintsBatch). ConstraintsType is "includes" or
// "excludes".
type ImageConstraint struct {
	ImageID    string                      `json:"imageId"`
	Constraint ImageInstanceTypeConstraint `json:"imageInstanceTypeConstraint"`
}

// ImageInstanceTypeConstraint is the type list of an ImageConstraint.
type ImageInstanceTypeConstraint struct {
	ConstraintsType string   `json:"constraintsType"`
	InstanceTypes   []string `json:"instanceTypes"`
}

// Keypair is one row of describeKeypairs.
type Keypair struct {
	KeyName        string `json:"keyName"`
	KeyFingerprint string `json:"keyFingerprint"`
	CreateTime     string `json:"createTime,omitempty"`
}

// QuotaUsage is one row of quota:describeUsage.
type QuotaUsage struct {
	ServiceCode  string `json:"serviceCode"`
	ResourceType string `json:"resourceType"`
	Limit        int    `json:"limit"`
	Used         int    `json:"used"`
}

// Vpc is one row of describeVpcs.
type Vpc struct {
	VpcID         string `json:"vpcId"`
	VpcName       string `json:"vpcName"`
	AddressPrefix string `json:"addressPrefix"`
}

// Subnet is one row of describeSubnets.
type Subnet struct {
	SubnetID         string `json:"subnetId"`
	SubnetName       string `json:"subnetName"`
	VpcID            string `json:"vpcId"`
	AddressPrefix    string `json:"addressPrefix"`
	Az               string `json:"az"`
	AvailableIPCount int    `json:"availableIpCount"`
}

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
