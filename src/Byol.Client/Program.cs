System.Console.WriteLine("byol");
