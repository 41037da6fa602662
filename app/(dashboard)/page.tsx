import { redirect } from "next/navigation";

/** The dashboard opens on the products table. */
export default function Home() {
  redirect("/products");
}
