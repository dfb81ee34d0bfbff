import { SecuritySettings } from "@/components/settings/security";

export default function SecurityPage() {
  return <SecuritySettings />;
}
